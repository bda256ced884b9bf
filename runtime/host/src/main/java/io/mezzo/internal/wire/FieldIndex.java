package io.mezzo.internal.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the codec needs to know about one message type, computed once per descriptor.
 * {@link Descriptor#findFieldByName} and {@link EnumDescriptor#findValueByName} build a
 * qualified name and search the descriptor pool on every call; every offer and status update
 * passes through here, so names are resolved with plain hash maps instead.
 */
final class FieldIndex {
    private static final Map<Descriptor, FieldIndex> BY_TYPE = new ConcurrentHashMap<>();
    private static final Map<EnumDescriptor, Map<String, EnumValueDescriptor>> ENUMS =
            new ConcurrentHashMap<>();

    final Descriptor type;
    /** Fields in .proto declaration order, which is the order Mesos writes JSON keys in. */
    final FieldDescriptor[] fields;
    /** {@code "name":} for each field, ready to append. */
    final String[] jsonKeys;
    /** Whether Mesos writes the field's default when it is unset (explicit default, not deprecated). */
    final boolean[] writtenWhenUnset;
    private final Map<String, FieldDescriptor> byName;

    private FieldIndex(Descriptor type) {
        this.type = type;
        List<FieldDescriptor> declared = type.getFields();
        fields = declared.toArray(new FieldDescriptor[0]);
        jsonKeys = new String[fields.length];
        writtenWhenUnset = new boolean[fields.length];
        byName = new HashMap<>(fields.length * 2);
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor field = fields[i];
            jsonKeys[i] = '"' + field.getName() + "\":";
            writtenWhenUnset[i] = !field.isRepeated()
                    && field.hasDefaultValue()
                    && !field.getOptions().getDeprecated();
            byName.put(field.getName(), field);
        }
    }

    static FieldIndex of(Descriptor type) {
        FieldIndex index = BY_TYPE.get(type);
        return index != null ? index : BY_TYPE.computeIfAbsent(type, FieldIndex::new);
    }

    /** The field with this proto (snake_case) name, or null. */
    FieldDescriptor find(String name) {
        return byName.get(name);
    }

    /** The field with this proto name; a programming error if there is none. */
    FieldDescriptor require(String name) {
        FieldDescriptor field = byName.get(name);
        if (field == null) {
            throw new IllegalArgumentException(type.getFullName() + " has no field '" + name + "'");
        }
        return field;
    }

    /** The enum value with this name, or null. */
    static EnumValueDescriptor enumValue(EnumDescriptor type, String name) {
        Map<String, EnumValueDescriptor> values = ENUMS.get(type);
        if (values == null) {
            values = ENUMS.computeIfAbsent(type, FieldIndex::valuesByName);
        }
        return values.get(name);
    }

    private static Map<String, EnumValueDescriptor> valuesByName(EnumDescriptor type) {
        Map<String, EnumValueDescriptor> values = new HashMap<>();
        for (EnumValueDescriptor value : type.getValues()) {
            values.putIfAbsent(value.getName(), value);
        }
        return Map.copyOf(values);
    }
}
