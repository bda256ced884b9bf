package io.mezzo.internal.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a Mesos message by field name, checking each value against the field's type:
 * <pre>{@code
 * MsgBuilder.of(MesosSchema.RESOURCE)
 *         .set("name", "cpus").set("type", "SCALAR")
 *         .with("scalar", s -> s.set("value", 4.0))
 *         .build();
 * }</pre>
 * Values: {@code String} for strings and enum names; any integral {@code Number} (or
 * {@code BigInteger}) within the field's range for integers; any {@code Number} for doubles;
 * {@code Boolean}; {@code byte[]} or {@code ByteString}; {@code Message}, {@link Msg} or
 * {@code MsgBuilder} for messages; a {@code Collection} for a repeated field and a
 * {@code Map} for a map field. An unknown field name or an unfitting value throws an
 * {@link IllegalArgumentException} naming the field. Not thread-safe.
 */
public final class MsgBuilder {
    private final DynamicMessage.Builder builder;
    private final FieldIndex index;

    private MsgBuilder(DynamicMessage.Builder builder) {
        this.builder = builder;
        this.index = FieldIndex.of(builder.getDescriptorForType());
    }

    public static MsgBuilder of(Descriptor type) {
        return new MsgBuilder(DynamicMessage.newBuilder(type));
    }

    /** A builder starting from a copy of {@code message}. */
    public static MsgBuilder from(Message message) {
        return new MsgBuilder(DynamicMessage.newBuilder(message));
    }

    public Descriptor type() {
        return builder.getDescriptorForType();
    }

    /**
     * Sets a field; {@code null} clears it. A repeated field takes a collection and a map
     * field a map, replacing what was there.
     */
    public MsgBuilder set(String field, Object value) {
        FieldDescriptor descriptor = index.require(field);
        if (value == null) {
            builder.clearField(descriptor);
            return this;
        }
        // Convert everything first, so that a rejected value leaves the builder as it was.
        List<Object> elements = new ArrayList<>();
        if (descriptor.isMapField()) {
            if (!(value instanceof Map<?, ?> entries)) {
                throw unfitting(descriptor, value);
            }
            entries.forEach((key, entryValue) -> elements.add(entry(descriptor, key, entryValue)));
        } else if (descriptor.isRepeated()) {
            if (!(value instanceof Collection<?> values)) {
                throw unfitting(descriptor, value);
            }
            for (Object element : values) {
                elements.add(convert(descriptor, element));
            }
        } else {
            builder.setField(descriptor, convert(descriptor, value));
            return this;
        }
        builder.clearField(descriptor);
        elements.forEach(element -> builder.addRepeatedField(descriptor, element));
        return this;
    }

    /** Appends one element to a repeated (non-map) field. */
    public MsgBuilder add(String field, Object value) {
        FieldDescriptor descriptor = index.require(field);
        if (!descriptor.isRepeated() || descriptor.isMapField()) {
            throw new IllegalArgumentException(descriptor.getFullName() + " is " + Msg.describe(descriptor)
                    + "; add() needs a repeated field");
        }
        builder.addRepeatedField(descriptor, convert(descriptor, value));
        return this;
    }

    /** Adds one entry to a map field. */
    public MsgBuilder put(String field, Object key, Object value) {
        FieldDescriptor descriptor = index.require(field);
        if (!descriptor.isMapField()) {
            throw new IllegalArgumentException(descriptor.getFullName() + " is " + Msg.describe(descriptor)
                    + "; put() needs a map field");
        }
        builder.addRepeatedField(descriptor, entry(descriptor, key, value));
        return this;
    }

    /** Sets (or, for a repeated field, appends) a message that {@code fill} builds. */
    public MsgBuilder with(String field, Consumer<MsgBuilder> fill) {
        FieldDescriptor descriptor = index.require(field);
        if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE || descriptor.isMapField()) {
            throw new IllegalArgumentException(descriptor.getFullName() + " is " + Msg.describe(descriptor)
                    + "; with() needs a message field");
        }
        MsgBuilder child = of(descriptor.getMessageType());
        fill.accept(child);
        if (descriptor.isRepeated()) {
            builder.addRepeatedField(descriptor, child.buildPartial());
        } else {
            builder.setField(descriptor, child.buildPartial());
        }
        return this;
    }

    /** The message; every required field must be set. */
    public DynamicMessage build() {
        if (!builder.isInitialized()) {
            throw new IllegalStateException("cannot build " + type().getFullName() + ": missing required fields: "
                    + String.join(", ", builder.findInitializationErrors()));
        }
        return builder.buildPartial();
    }

    /** The message as it is, required fields or not (for pieces of a larger message). */
    public DynamicMessage buildPartial() {
        return builder.buildPartial();
    }

    public Msg msg() {
        return Msg.of(build());
    }

    private static DynamicMessage entry(FieldDescriptor mapField, Object key, Object value) {
        Descriptor entryType = mapField.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByNumber(1);
        FieldDescriptor valueField = entryType.findFieldByNumber(2);
        return DynamicMessage.newBuilder(entryType)
                .setField(keyField, convert(keyField, key))
                .setField(valueField, convert(valueField, value))
                .buildPartial();
    }

    private static Object convert(FieldDescriptor field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field.getFullName() + ": null is not a value (set the field to null to clear it)");
        }
        switch (field.getJavaType()) {
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case BYTE_STRING:
                if (value instanceof ByteString) {
                    return value;
                }
                if (value instanceof byte[] bytes) {
                    return ByteString.copyFrom(bytes);
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case ENUM:
                return enumValue(field, value);
            case INT:
            case LONG:
                return integral(field, value);
            case FLOAT:
            case DOUBLE:
                if (value instanceof Number number) {
                    return JsonScalars.floating(field, number.doubleValue());
                }
                break;
            case MESSAGE:
                return message(field, value);
        }
        throw unfitting(field, value);
    }

    private static Object integral(FieldDescriptor field, Object value) {
        try {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return JsonScalars.integral(field, ((Number) value).longValue());
            }
            if (value instanceof BigInteger big) {
                return JsonScalars.integral(field, big);
            }
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(field.getFullName() + ": " + e.getMessage(), e);
        }
        throw unfitting(field, value);
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor field, Object value) {
        if (value instanceof EnumValueDescriptor descriptor && descriptor.getType() == field.getEnumType()) {
            return descriptor;
        }
        if (value instanceof String name) {
            EnumValueDescriptor descriptor = FieldIndex.enumValue(field.getEnumType(), name);
            if (descriptor == null) {
                throw new IllegalArgumentException(field.getFullName() + ": " + field.getEnumType().getFullName()
                        + " has no value " + JsonScalars.quote(name));
            }
            return descriptor;
        }
        throw unfitting(field, value);
    }

    private static Message message(FieldDescriptor field, Object value) {
        Message message;
        if (value instanceof MsgBuilder child) {
            message = child.buildPartial();
        } else if (value instanceof Msg view) {
            message = view.proto();
        } else if (value instanceof Message proto) {
            message = proto;
        } else {
            throw unfitting(field, value);
        }
        if (message.getDescriptorForType() != field.getMessageType()) {
            throw new IllegalArgumentException(field.getFullName() + " takes a " + field.getMessageType().getFullName()
                    + ", not a " + message.getDescriptorForType().getFullName());
        }
        return message;
    }

    private static IllegalArgumentException unfitting(FieldDescriptor field, Object value) {
        String shown = value instanceof CharSequence ? " " + JsonScalars.quote(value.toString()) : "";
        return new IllegalArgumentException(field.getFullName() + " is " + Msg.describe(field)
                + "; cannot set it to a " + value.getClass().getSimpleName() + shown);
    }
}
