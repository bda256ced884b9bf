package io.mezzo.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.mezzo.api.AgentId;
import io.mezzo.api.Attribute;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.ItemSet;
import io.mezzo.api.Range;
import io.mezzo.api.Ranges;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import io.mezzo.api.TaskId;
import io.mezzo.api.Text;
import io.mezzo.api.Value;
import io.mezzo.internal.model.Blob;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON of Mezzo's own protocols and stored state (not the Mesos wire API, which goes
 * through {@code io.mezzo.internal.wire}). snake_case names, ids as strings, durations as
 * nanoseconds, bytes as Base64, and resources and attributes in Mesos's JSON shape
 * ({@code {"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*"}}).
 */
public final class MezzoJson {
    private static final ObjectMapper MAPPER = create();

    private MezzoJson() {}

    /** The shared, configured mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Builds (and caches in the shared mapper) the readers and writers of {@code types}: the
     * first use of a record type in a JVM costs tens of milliseconds of reflection, which a
     * standby master spends ahead of time instead of in a failover.
     */
    public static void warmUp(Class<?>... types) {
        for (Class<?> type : types) {
            MAPPER.readerFor(type);
            MAPPER.writerFor(type);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads {@code json} as {@code type}; throws {@link IllegalArgumentException} naming the problem. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("mezzo");
        stringValue(module, AgentId.class, AgentId::value, AgentId::new);
        stringValue(module, FrameworkId.class, FrameworkId::value, FrameworkId::new);
        stringValue(module, TaskId.class, TaskId::value, TaskId::new);
        stringValue(module, ContainerId.class, ContainerId::value, ContainerId::new);
        stringValue(module, Blob.class, Blob::base64, s -> new Blob(Base64.getDecoder().decode(s)));
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(d.toNanos());
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Duration.ofNanos(p.getLongValue());
            }
        });
        module.addSerializer(Resources.class, new JsonSerializer<>() {
            @Override
            public void serialize(Resources r, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeTree(resourcesToJson(r));
            }
        });
        module.addDeserializer(Resources.class, new JsonDeserializer<>() {
            @Override
            public Resources deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return resourcesFromJson(p.readValueAsTree());
            }
        });
        module.addSerializer(Attribute.class, new JsonSerializer<>() {
            @Override
            public void serialize(Attribute a, JsonGenerator g, SerializerProvider p) throws IOException {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("name", a.name());
                putValue(node, a.value());
                g.writeTree(node);
            }
        });
        module.addDeserializer(Attribute.class, new JsonDeserializer<>() {
            @Override
            public Attribute deserialize(JsonParser p, DeserializationContext c) throws IOException {
                JsonNode node = p.readValueAsTree();
                return new Attribute(node.path("name").asText(), valueFromJson(node));
            }
        });
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private static <T> void stringValue(SimpleModule module, Class<T> type, Function<T, String> out,
                                        Function<String, T> in) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(out.apply(v));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return in.apply(p.getValueAsString());
            }
        });
    }

    /** Resources as a Mesos-shaped JSON array. */
    public static ArrayNode resourcesToJson(Resources resources) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Resource r : resources) {
            ObjectNode node = array.addObject();
            node.put("name", r.name());
            putValue(node, r.value());
            node.put("role", r.role());
        }
        return array;
    }

    public static Resources resourcesFromJson(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("resources must be a JSON array");
        }
        List<Resource> out = new ArrayList<>();
        for (JsonNode node : array) {
            Value v = valueFromJson(node);
            out.add(new Resource(node.path("name").asText(), node.path("role").asText("*"), v));
        }
        return Resources.of(out);
    }

    private static void putValue(ObjectNode node, Value value) {
        node.put("type", value.typeName());
        if (value instanceof Scalar s) {
            node.putObject("scalar").put("value", s.value());
        } else if (value instanceof Ranges rs) {
            ArrayNode range = node.putObject("ranges").putArray("range");
            for (Range r : rs.ranges()) {
                range.addObject().put("begin", r.begin()).put("end", r.end());
            }
        } else if (value instanceof ItemSet set) {
            ArrayNode items = node.putObject("set").putArray("item");
            set.items().forEach(items::add);
        } else if (value instanceof Text t) {
            node.putObject("text").put("value", t.value());
        }
    }

    /**
     * A resource's or attribute's value. Strict where Jackson's {@code asDouble()} would be
     * lenient: a missing or non-numeric scalar is not 0, and a range bound that does not fit
     * a long (a uint64 on the Mesos wire) is not wrapped to a negative number.
     */
    private static Value valueFromJson(JsonNode node) {
        String type = node.path("type").asText();
        String name = node.path("name").asText();
        switch (type) {
            case "SCALAR":
                return Scalar.of(number(name, node.path("scalar").path("value"), "scalar.value").doubleValue());
            case "RANGES": {
                List<Range> ranges = new ArrayList<>();
                for (JsonNode r : node.path("ranges").path("range")) {
                    ranges.add(new Range(integer(name, r.path("begin"), "begin"), integer(name, r.path("end"), "end")));
                }
                return new Ranges(ranges);
            }
            case "SET": {
                TreeSet<String> items = new TreeSet<>();
                node.path("set").path("item").forEach(i -> items.add(text(name, i, "set.item")));
                return new ItemSet(items);
            }
            case "TEXT":
                return new Text(text(name, node.path("text").path("value"), "text.value"));
            default:
                throw new IllegalArgumentException("'" + name + "' has unknown value type '" + type + "'");
        }
    }

    private static Number number(String name, JsonNode value, String field) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + name + "' needs a number in '" + field + "', not "
                    + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.numberValue();
    }

    private static long integer(String name, JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + name + "' needs a range " + field + " between 0 and "
                    + Long.MAX_VALUE + ", not " + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.longValue();
    }

    private static String text(String name, JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' needs a string in '" + field + "', not "
                    + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.asText();
    }
}
