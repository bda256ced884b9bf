package io.mezzo.internal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import java.util.Base64;

/**
 * JSON to message with the rules of Mesos's stout {@code protobuf.hpp}: snake_case proto
 * names only, unknown keys ignored, {@code null} means unset, numbers may come as numeric
 * strings and bools as {@code "true"}/{@code "false"}, enums by name, bytes as Base64.
 * Stricter than stout where stout would silently corrupt a value: integers out of range or
 * with a fraction are errors (stout truncates them).
 *
 * <p>One instance reads one document (it holds the path used in error messages).
 */
final class ProtoJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(ProtoJson.MAX_DEPTH)
                    .build())
            .build();

    private final JsonParser parser;
    private final FieldPath path;

    private ProtoJsonReader(JsonParser parser, FieldPath path) {
        this.parser = parser;
        this.path = path;
    }

    static DynamicMessage read(Descriptor type, byte[] json) {
        FieldPath path = new FieldPath();
        try (JsonParser parser = FACTORY.createParser(json)) {
            return new ProtoJsonReader(parser, path).document(type);
        } catch (StreamConstraintsException e) {
            throw error(path, "JSON nested deeper than " + ProtoJson.MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
            throw error(path, "invalid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            // Reading a byte array fails only on malformed content (e.g. an undetectable encoding).
            throw error(path, "invalid JSON: " + e.getMessage());
        }
    }

    private DynamicMessage document(Descriptor type) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new WireFormatException("expected a JSON object, got " + describe(first));
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        object(builder, FieldIndex.of(type));
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new WireFormatException("expected the end of the input after the JSON object, got "
                    + describe(trailing));
        }
        ProtoBinary.checkRequired(builder);
        return builder.buildPartial();
    }

    /** Reads the fields of an object whose START_OBJECT has been consumed. */
    private void object(DynamicMessage.Builder builder, FieldIndex index) throws IOException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            FieldDescriptor field = index.find(name);
            if (field == null) {
                parser.skipChildren();
                continue;
            }
            path.push(name);
            if (field.isRepeated()) {
                if (builder.getRepeatedFieldCount(field) > 0) {
                    builder.clearField(field); // a repeated key: the last one wins, as in stout's std::map
                }
                if (field.isMapField() && token == JsonToken.START_OBJECT) {
                    map(builder, field);
                } else {
                    repeated(builder, field, token);
                }
            } else if (token == JsonToken.START_ARRAY) {
                throw error("expected " + expected(field) + ", got an array");
            } else if (token != JsonToken.VALUE_NULL) {
                Object value = value(field, token);
                if (value != null) {
                    builder.setField(field, value);
                }
            }
            path.pop();
        }
    }

    /** Arrays hold the elements; like stout, a lone element stands for itself and nested arrays flatten. */
    private void repeated(DynamicMessage.Builder builder, FieldDescriptor field, JsonToken token)
            throws IOException {
        if (token == JsonToken.START_ARRAY) {
            int index = 0;
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                path.index(index++);
                repeated(builder, field, element);
                path.index(-1);
            }
        } else if (token != JsonToken.VALUE_NULL) {
            Object value = value(field, token);
            if (value != null) {
                builder.addRepeatedField(field, value);
            }
        }
    }

    /** A map field written as a JSON object: {@code "limits":{"cpus":{"value":2.0}}}. */
    private void map(DynamicMessage.Builder builder, FieldDescriptor field) throws IOException {
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByNumber(1);
        FieldDescriptor valueField = entryType.findFieldByNumber(2);
        String key;
        while ((key = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            path.key(key);
            if (token == JsonToken.START_ARRAY) {
                throw error("expected " + expected(valueField) + ", got an array");
            }
            Object value = token == JsonToken.VALUE_NULL ? null : value(valueField, token);
            if (value != null) {
                DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
                entry.setField(keyField, mapKey(keyField, key));
                entry.setField(valueField, value);
                builder.addRepeatedField(field, entry.buildPartial());
            }
            path.key(null);
        }
    }

    /** One non-null, non-array value of {@code field}'s type, or null for an unknown optional enum. */
    private Object value(FieldDescriptor field, JsonToken token) throws IOException {
        switch (field.getJavaType()) {
            case MESSAGE:
                if (token != JsonToken.START_OBJECT) {
                    throw error("expected an object, got " + describe(token));
                }
                DynamicMessage.Builder child = DynamicMessage.newBuilder(field.getMessageType());
                object(child, FieldIndex.of(field.getMessageType()));
                return child.buildPartial();
            case STRING:
                return text(field, token);
            case BYTE_STRING:
                return bytes(text(field, token));
            case ENUM:
                return enumValue(field, text(field, token));
            case BOOLEAN:
                return bool(token);
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                return number(field, token);
        }
        throw new AssertionError(field.getJavaType());
    }

    private Object number(FieldDescriptor field, JsonToken token) throws IOException {
        boolean floating = field.getJavaType() == FieldDescriptor.JavaType.DOUBLE
                || field.getJavaType() == FieldDescriptor.JavaType.FLOAT;
        try {
            if (token == JsonToken.VALUE_STRING) {
                return JsonScalars.fromString(field, parser.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                if (floating) {
                    return JsonScalars.floating(field, parser.getDoubleValue());
                }
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? JsonScalars.integral(field, parser.getBigIntegerValue())
                        : JsonScalars.integral(field, parser.getLongValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return floating
                        ? JsonScalars.floating(field, parser.getDoubleValue())
                        : JsonScalars.integral(field, parser.getDecimalValue());
            }
        } catch (WireFormatException e) {
            throw error(e.getMessage());
        }
        throw error("expected a number, got " + describe(token));
    }

    private Object mapKey(FieldDescriptor keyField, String key) {
        try {
            return JsonScalars.mapKey(keyField, key);
        } catch (WireFormatException e) {
            throw error(e.getMessage());
        }
    }

    private String text(FieldDescriptor field, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error("expected " + expected(field) + ", got " + describe(token));
        }
        return parser.getText();
    }

    private ByteString bytes(String base64) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw error("invalid Base64: " + e.getMessage());
        }
    }

    private EnumValueDescriptor enumValue(FieldDescriptor field, String name) {
        EnumValueDescriptor value = FieldIndex.enumValue(field.getEnumType(), name);
        if (value == null && field.isRequired()) {
            throw error("unknown " + localName(field.getEnumType()) + " value " + JsonScalars.quote(name));
        }
        // An unknown name for an optional or repeated enum is dropped, as proto2 does with unknown numbers.
        return value;
    }

    private Boolean bool(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
        }
        throw error("expected a boolean, got " + describe(token));
    }

    private static String expected(FieldDescriptor field) {
        switch (field.getJavaType()) {
            case MESSAGE:
                return "an object";
            case STRING:
                return "a string";
            case BYTE_STRING:
                return "a Base64 string";
            case ENUM:
                return "a " + localName(field.getEnumType()) + " name";
            case BOOLEAN:
                return "a boolean";
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                return "a number";
        }
        throw new AssertionError(field.getJavaType());
    }

    /** {@code FrameworkInfo.Capability.Type}: the enum's name inside its package. */
    private static String localName(EnumDescriptor type) {
        String packageName = type.getFile().getPackage();
        return packageName.isEmpty() ? type.getFullName() : type.getFullName().substring(packageName.length() + 1);
    }

    private String describe(JsonToken token) throws IOException {
        if (token == null) {
            return "the end of the input";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return JsonScalars.quote(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_NULL:
                return JsonScalars.shorten(parser.getText());
            default:
                return token.toString();
        }
    }

    private WireFormatException error(String problem) {
        return error(path, problem);
    }

    private static WireFormatException error(FieldPath path, String problem) {
        return new WireFormatException(path.isEmpty() ? problem : path + ": " + problem);
    }
}
