package io.mezzo.internal.http;

import java.util.Locale;

/** Content negotiation as Mesos does it: exact media types, parameters ignored. */
final class MediaTypes {
    static final String JSON = "application/json";
    static final String PROTOBUF = "application/x-protobuf";

    private MediaTypes() {}

    /** The media type without parameters, lower-cased ({@code application/json; charset=utf-8} → json). */
    static String base(String header) {
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String contentType) {
        return base(contentType).equals(JSON);
    }

    static boolean isProtobuf(String contentType) {
        return base(contentType).equals(PROTOBUF);
    }

    /**
     * Picks the response encoding from an Accept header: JSON when it is absent or accepts
     * JSON (or anything), else protobuf when accepted, else none.
     */
    static java.util.Optional<String> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return java.util.Optional.of(JSON);
        }
        boolean protobuf = false;
        for (String part : accept.split(",")) {
            String type = base(part);
            if (type.equals(JSON) || type.equals("*/*") || type.equals("application/*")) {
                return java.util.Optional.of(JSON);
            }
            protobuf |= type.equals(PROTOBUF);
        }
        return protobuf ? java.util.Optional.of(PROTOBUF) : java.util.Optional.empty();
    }
}
