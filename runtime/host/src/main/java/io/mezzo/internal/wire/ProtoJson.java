package io.mezzo.internal.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.MessageOrBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Mesos v1 JSON, read and written with Mesos's own rules (stout {@code protobuf.hpp}), not
 * proto3 {@code JsonFormat}: snake_case names, unknown keys ignored, {@code null} as unset,
 * numeric strings accepted; on output every set field plus the non-deprecated defaults.
 * See MESOS-API.md §2.5. Thread-safe.
 */
public final class ProtoJson {
    /** Objects and arrays nested deeper than this are refused (it bounds the reader's stack). */
    public static final int MAX_DEPTH = 64;

    private ProtoJson() {}

    /**
     * Reads one {@code type} message from a JSON object.
     *
     * @throws WireFormatException naming the field path and the problem, for malformed JSON,
     *         a value of the wrong type, or missing required fields
     */
    public static DynamicMessage parse(Descriptor type, byte[] json) {
        ProtoBinary.checkSize(type, json.length, ProtoBinary.MAX_MESSAGE_BYTES);
        return ProtoJsonReader.read(type, json);
    }

    public static DynamicMessage parse(Descriptor type, String json) {
        return parse(type, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Compact, single-line UTF-8 JSON: one RecordIO record or one HTTP body. */
    public static byte[] write(MessageOrBuilder message) {
        return ProtoJsonWriter.write(message).getBytes(StandardCharsets.UTF_8);
    }

    public static String writeString(MessageOrBuilder message) {
        return ProtoJsonWriter.write(message);
    }
}
