package io.mezzo.internal.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A read-only view of a Mesos message by field name, for translation code:
 * {@code call.message("subscribe").message("framework_info").string("user")}.
 *
 * <p>Getters follow protobuf semantics: an unset field reads as its default ({@code ""},
 * {@code 0}, the explicit {@code [default=...]}, an empty message); use {@link #has} or the
 * {@code optional...} variants where "unset" matters. A field name the type does not have, or
 * a getter that does not fit the field's type, is a programming error
 * ({@link IllegalArgumentException} naming the field).
 */
public final class Msg {
    private final Message message;
    private final FieldIndex index;

    private Msg(Message message) {
        this.message = message;
        this.index = FieldIndex.of(message.getDescriptorForType());
    }

    public static Msg of(Message message) {
        return new Msg(message);
    }

    public Message proto() {
        return message;
    }

    public Descriptor type() {
        return message.getDescriptorForType();
    }

    /** Whether a singular field is set, or a repeated field has elements. */
    public boolean has(String field) {
        FieldDescriptor descriptor = index.require(field);
        return descriptor.isRepeated()
                ? message.getRepeatedFieldCount(descriptor) > 0
                : message.hasField(descriptor);
    }

    public String string(String field) {
        return (String) message.getField(singular(field, JavaType.STRING, "string"));
    }

    public Optional<String> optionalString(String field) {
        FieldDescriptor descriptor = singular(field, JavaType.STRING, "optionalString");
        return message.hasField(descriptor) ? Optional.of((String) message.getField(descriptor)) : Optional.empty();
    }

    public List<String> strings(String field) {
        return repeated(field, JavaType.STRING, "strings", String.class::cast);
    }

    public Msg message(String field) {
        return new Msg((Message) message.getField(singular(field, JavaType.MESSAGE, "message")));
    }

    public Optional<Msg> optionalMessage(String field) {
        FieldDescriptor descriptor = singular(field, JavaType.MESSAGE, "optionalMessage");
        return message.hasField(descriptor)
                ? Optional.of(new Msg((Message) message.getField(descriptor)))
                : Optional.empty();
    }

    public List<Msg> messages(String field) {
        return repeated(field, JavaType.MESSAGE, "messages", value -> new Msg((Message) value));
    }

    /** The enum's value name ({@code "TASK_RUNNING"}). */
    public String enumName(String field) {
        return ((EnumValueDescriptor) message.getField(singular(field, JavaType.ENUM, "enumName"))).getName();
    }

    public List<String> enumNames(String field) {
        return repeated(field, JavaType.ENUM, "enumNames", value -> ((EnumValueDescriptor) value).getName());
    }

    /** Any numeric field as a double (unsigned integers read as unsigned). */
    public double doubleValue(String field) {
        FieldDescriptor descriptor = index.require(field);
        Object value = message.getField(singularOf(descriptor, "doubleValue"));
        switch (descriptor.getJavaType()) {
            case DOUBLE:
            case FLOAT:
                return ((Number) value).doubleValue();
            case INT:
            case LONG:
                return unsignedAware(descriptor, (Number) value);
            default:
                throw wrongType(descriptor, "doubleValue");
        }
    }

    /** An integer field as a long; uint32 reads as unsigned, uint64 past 2^63 as negative. */
    public long longValue(String field) {
        FieldDescriptor descriptor = index.require(field);
        if (descriptor.getJavaType() != JavaType.INT && descriptor.getJavaType() != JavaType.LONG) {
            throw wrongType(descriptor, "longValue");
        }
        Number value = (Number) message.getField(singularOf(descriptor, "longValue"));
        return descriptor.getType() == FieldDescriptor.Type.UINT32 || descriptor.getType() == FieldDescriptor.Type.FIXED32
                ? Integer.toUnsignedLong(value.intValue())
                : value.longValue();
    }

    /** An integer field that must fit an int. */
    public int intValue(String field) {
        long value = longValue(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(index.type.getFullName() + "." + field + " = " + value
                    + " does not fit an int");
        }
        return (int) value;
    }

    public boolean bool(String field) {
        return (Boolean) message.getField(singular(field, JavaType.BOOLEAN, "bool"));
    }

    public byte[] bytes(String field) {
        return ((ByteString) message.getField(singular(field, JavaType.BYTE_STRING, "bytes"))).toByteArray();
    }

    /** A map field with message values ({@code TaskInfo.limits}), in wire order; a repeated key keeps the last. */
    public Map<String, Msg> messageMap(String field) {
        return map(field, JavaType.MESSAGE, "messageMap", value -> new Msg((Message) value));
    }

    /** A map field with string values. */
    public Map<String, String> stringMap(String field) {
        return map(field, JavaType.STRING, "stringMap", String.class::cast);
    }

    @Override
    public String toString() {
        return ProtoJson.writeString(message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Msg m && m.message.equals(message);
    }

    @Override
    public int hashCode() {
        return message.hashCode();
    }

    private FieldDescriptor singular(String field, JavaType expected, String accessor) {
        FieldDescriptor descriptor = index.require(field);
        if (descriptor.getJavaType() != expected) {
            throw wrongType(descriptor, accessor);
        }
        return singularOf(descriptor, accessor);
    }

    private static FieldDescriptor singularOf(FieldDescriptor descriptor, String accessor) {
        if (descriptor.isRepeated()) {
            throw wrongType(descriptor, accessor);
        }
        return descriptor;
    }

    private <T> List<T> repeated(String field, JavaType expected, String accessor, Function<Object, T> convert) {
        FieldDescriptor descriptor = index.require(field);
        if (descriptor.getJavaType() != expected || !descriptor.isRepeated() || descriptor.isMapField()) {
            throw wrongType(descriptor, accessor);
        }
        int count = message.getRepeatedFieldCount(descriptor);
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(convert.apply(message.getRepeatedField(descriptor, i)));
        }
        return Collections.unmodifiableList(values);
    }

    private <T> Map<String, T> map(String field, JavaType valueType, String accessor, Function<Object, T> convert) {
        FieldDescriptor descriptor = index.require(field);
        if (!descriptor.isMapField()
                || descriptor.getMessageType().findFieldByNumber(1).getJavaType() != JavaType.STRING
                || descriptor.getMessageType().findFieldByNumber(2).getJavaType() != valueType) {
            throw wrongType(descriptor, accessor);
        }
        FieldDescriptor key = descriptor.getMessageType().findFieldByNumber(1);
        FieldDescriptor value = descriptor.getMessageType().findFieldByNumber(2);
        Map<String, T> entries = new LinkedHashMap<>();
        int count = message.getRepeatedFieldCount(descriptor);
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(descriptor, i);
            entries.put((String) entry.getField(key), convert.apply(entry.getField(value)));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static double unsignedAware(FieldDescriptor descriptor, Number value) {
        switch (descriptor.getType()) {
            case UINT32:
            case FIXED32:
                return Integer.toUnsignedLong(value.intValue());
            case UINT64:
            case FIXED64:
                long bits = value.longValue();
                return bits >= 0 ? bits : (bits >>> 1 | (bits & 1)) * 2.0;
            default:
                return value.doubleValue();
        }
    }

    private static IllegalArgumentException wrongType(FieldDescriptor field, String accessor) {
        return new IllegalArgumentException(field.getFullName() + " is " + describe(field)
                + "; " + accessor + "() cannot read it");
    }

    /** "a repeated string field", "a map field", "an enum field". */
    static String describe(FieldDescriptor field) {
        if (field.isMapField()) {
            return "a map field";
        }
        String type = field.getType().name().toLowerCase(Locale.ROOT);
        if (field.isRepeated()) {
            return "a repeated " + type + " field";
        }
        return (type.startsWith("e") || type.startsWith("i") ? "an " : "a ") + type + " field";
    }
}
