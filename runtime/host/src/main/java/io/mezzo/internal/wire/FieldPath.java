package io.mezzo.internal.wire;

import java.util.Arrays;

/**
 * Where the JSON reader is, for error messages: {@code accept.operations[0].launch.task_infos[0].name}
 * or {@code limits[cpus].value}. Kept as arrays and rendered only when something fails, so the
 * happy path does not concatenate strings.
 */
final class FieldPath {
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private String[] keys = new String[16];
    private int depth;

    void push(String name) {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
        }
        names[depth] = name;
        indices[depth] = -1;
        keys[depth] = null;
        depth++;
    }

    void pop() {
        depth--;
    }

    /** The element of the innermost (repeated) field being read; -1 for none. */
    void index(int index) {
        indices[depth - 1] = index;
    }

    /** The entry of the innermost (map) field being read; null for none. */
    void key(String key) {
        keys[depth - 1] = key;
    }

    boolean isEmpty() {
        return depth == 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(names[i]);
            if (indices[i] >= 0) {
                out.append('[').append(indices[i]).append(']');
            }
            if (keys[i] != null) {
                out.append('[').append(keys[i]).append(']');
            }
        }
        return out.toString();
    }
}
