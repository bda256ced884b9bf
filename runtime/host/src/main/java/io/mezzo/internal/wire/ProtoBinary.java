package io.mezzo.internal.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.MessageOrBuilder;
import java.util.List;

/** Mesos v1 messages as {@code application/x-protobuf}, parsed only through {@link DynamicMessage}. */
public final class ProtoBinary {
    /** Larger request bodies are refused before parsing. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** protobuf-java's default is 100; Mesos messages nest far less. */
    private static final int MAX_NESTING = ProtoJson.MAX_DEPTH;

    private ProtoBinary() {}

    public static DynamicMessage parse(Descriptor type, byte[] bytes) {
        return parse(type, bytes, MAX_MESSAGE_BYTES);
    }

    /**
     * Reads one {@code type} message.
     *
     * @throws WireFormatException if the bytes are larger than {@code maxBytes}, malformed or
     *         truncated, or leave required fields unset
     */
    public static DynamicMessage parse(Descriptor type, byte[] bytes, int maxBytes) {
        checkSize(type, bytes.length, maxBytes);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(MAX_NESTING);
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            builder.mergeFrom(in, ExtensionRegistry.getEmptyRegistry());
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException("invalid protobuf " + type.getFullName() + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new WireFormatException("invalid protobuf " + type.getFullName() + ": " + e.getMessage(), e);
        }
        checkRequired(builder);
        return builder.buildPartial();
    }

    public static byte[] toBytes(MessageLite message) {
        return message.toByteArray();
    }

    static void checkSize(Descriptor type, int length, int maxBytes) {
        if (length > maxBytes) {
            throw new WireFormatException(type.getName() + " of " + length
                    + " bytes is larger than the limit of " + maxBytes + " bytes");
        }
    }

    /** Fails with every missing required field by path, as Mesos answers a 400. */
    static void checkRequired(MessageOrBuilder message) {
        if (!message.isInitialized()) {
            List<String> missing = message.findInitializationErrors();
            throw new WireFormatException("missing required fields: " + String.join(", ", missing));
        }
    }
}
