package io.mezzo.internal.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.util.Base64;

/**
 * Message to compact, single-line JSON as Mesos writes it: keys in .proto declaration order;
 * every set field plus every unset singular field with an explicit, non-deprecated default;
 * empty repeated fields left out; enums by name; bytes as Base64; 64-bit integers as plain
 * numbers; map fields as objects; doubles as rapidjson prints them.
 */
final class ProtoJsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;

    private ProtoJsonWriter(StringBuilder out) {
        this.out = out;
    }

    static String write(MessageOrBuilder message) {
        StringBuilder out = new StringBuilder(256);
        new ProtoJsonWriter(out).message(message);
        return out.toString();
    }

    private void message(MessageOrBuilder message) {
        FieldIndex index = FieldIndex.of(message.getDescriptorForType());
        FieldDescriptor[] fields = index.fields;
        out.append('{');
        boolean first = true;
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor field = fields[i];
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count == 0) {
                    continue;
                }
                first = separate(first);
                out.append(index.jsonKeys[i]);
                if (field.isMapField()) {
                    map(message, field, count);
                } else {
                    out.append('[');
                    for (int j = 0; j < count; j++) {
                        if (j > 0) {
                            out.append(',');
                        }
                        value(field, message.getRepeatedField(field, j));
                    }
                    out.append(']');
                }
            } else if (index.writtenWhenUnset[i] || message.hasField(field)) {
                first = separate(first);
                out.append(index.jsonKeys[i]);
                value(field, message.getField(field));
            }
        }
        out.append('}');
    }

    private boolean separate(boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private void map(MessageOrBuilder message, FieldDescriptor field, int count) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        out.append('{');
        for (int j = 0; j < count; j++) {
            MessageOrBuilder entry = (MessageOrBuilder) message.getRepeatedField(field, j);
            if (j > 0) {
                out.append(',');
            }
            string(mapKey(keyField, entry.getField(keyField)));
            out.append(':');
            value(valueField, entry.getField(valueField));
        }
        out.append('}');
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        switch (keyField.getType()) {
            case UINT32:
            case FIXED32:
                return Integer.toUnsignedString((Integer) key);
            case UINT64:
            case FIXED64:
                return Long.toUnsignedString((Long) key);
            default:
                return String.valueOf(key);
        }
    }

    private void value(FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case DOUBLE:
                JsonDoubles.append(out, (Double) value);
                break;
            case FLOAT:
                JsonDoubles.append(out, (Float) value);
                break;
            case INT32:
            case SINT32:
            case SFIXED32:
                out.append((int) (Integer) value);
                break;
            case UINT32:
            case FIXED32:
                out.append(Integer.toUnsignedLong((Integer) value));
                break;
            case INT64:
            case SINT64:
            case SFIXED64:
                out.append((long) (Long) value);
                break;
            case UINT64:
            case FIXED64:
                out.append(Long.toUnsignedString((Long) value));
                break;
            case BOOL:
                out.append((boolean) (Boolean) value);
                break;
            case STRING:
                string((String) value);
                break;
            case BYTES:
                out.append('"').append(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray())).append('"');
                break;
            case ENUM:
                out.append('"').append(((EnumValueDescriptor) value).getName()).append('"');
                break;
            case MESSAGE:
            case GROUP:
                message((MessageOrBuilder) value);
                break;
        }
    }

    /** A JSON string, escaped as rapidjson does: quote, backslash and control characters only. */
    private void string(String value) {
        out.append('"');
        int length = value.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    break;
            }
        }
        out.append(value, plain, length);
        out.append('"');
    }
}
