package io.mezzo.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIoTest {
    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    @Test
    void encodesTheDocumentedHeartbeatBytes() {
        // docs/recordio.md: 20\n{"type":"HEARTBEAT"}
        assertThat(new String(RecordIo.encode(HEARTBEAT.getBytes(UTF_8)), UTF_8))
                .isEqualTo("20\n{\"type\":\"HEARTBEAT\"}");
    }

    @Test
    void lengthCountsUtf8BytesNotCharacters() {
        byte[] record = "{\"message\":\"é\"}".getBytes(UTF_8); // 15 characters, 16 bytes
        assertThat(new String(RecordIo.encode(record), UTF_8)).startsWith("16\n");
    }

    @Test
    void refusesToEncodeAnEmptyRecord() {
        assertThatThrownBy(() -> RecordIo.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesRecordsSplitAtEveryPossibleByteBoundary() {
        byte[] first = HEARTBEAT.getBytes(UTF_8);
        byte[] second = "{\"type\":\"ERROR\",\"error\":{\"message\":\"Framework failed over\"}}".getBytes(UTF_8);
        byte[] stream = concat(RecordIo.encode(first), RecordIo.encode(second));
        for (int cut = 0; cut <= stream.length; cut++) {
            for (int secondCut = cut; secondCut <= stream.length; secondCut++) {
                RecordIo.Decoder decoder = new RecordIo.Decoder(1024);
                List<byte[]> records = new ArrayList<>();
                records.addAll(decoder.feed(Arrays.copyOfRange(stream, 0, cut)));
                records.addAll(decoder.feed(Arrays.copyOfRange(stream, cut, secondCut)));
                records.addAll(decoder.feed(Arrays.copyOfRange(stream, secondCut, stream.length)));
                assertThat(records).as("cuts at %d and %d", cut, secondCut).containsExactly(first, second);
                assertThat(decoder.atBoundary()).isTrue();
            }
        }
    }

    @Test
    void decodesByteByByte() {
        byte[] stream = concat(RecordIo.encode("a".getBytes(UTF_8)), RecordIo.encode("bc".getBytes(UTF_8)));
        RecordIo.Decoder decoder = new RecordIo.Decoder(10);
        List<String> records = new ArrayList<>();
        for (byte b : stream) {
            decoder.feed(new byte[] {b}).forEach(r -> records.add(new String(r, UTF_8)));
        }
        assertThat(records).containsExactly("a", "bc");
    }

    @Test
    void returnsEveryRecordOfOneFeedInOrder() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 12; i++) {
            stream.writeBytes(RecordIo.encode(("record-" + i).getBytes(UTF_8)));
        }
        List<byte[]> records = new RecordIo.Decoder(100).feed(stream.toByteArray());
        assertThat(records).hasSize(12);
        assertThat(new String(records.get(11), UTF_8)).isEqualTo("record-11");
    }

    @Test
    void reportsAStreamCutInsideARecordAsNotAtBoundary() {
        RecordIo.Decoder decoder = new RecordIo.Decoder(100);
        assertThat(decoder.feed("5\nab".getBytes(UTF_8))).isEmpty();
        assertThat(decoder.atBoundary()).isFalse();
        RecordIo.Decoder inHeader = new RecordIo.Decoder(100);
        inHeader.feed("12".getBytes(UTF_8));
        assertThat(inHeader.atBoundary()).isFalse();
    }

    @Test
    void rejectsZeroLengthRecords() {
        assertThatThrownBy(() -> new RecordIo.Decoder(100).feed("0\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void rejectsNonDigitHeaders() {
        assertThatThrownBy(() -> new RecordIo.Decoder(100).feed("2a\n{}".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed RecordIO header: unexpected byte 97");
        assertThatThrownBy(() -> new RecordIo.Decoder(100).feed("\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no length before line feed");
        assertThatThrownBy(() -> new RecordIo.Decoder(100).feed("2\r\n{}".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsOversizeRecordsAsSoonAsTheHeaderSaysSo() {
        // No line feed yet: the decoder must not wait for (or allocate) the record.
        assertThatThrownBy(() -> new RecordIo.Decoder(100).feed("101".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("longer than 100 bytes");
        RecordIo.Decoder atLimit = new RecordIo.Decoder(3);
        assertThat(atLimit.feed("3\nabc".getBytes(UTF_8))).hasSize(1);
    }

    @Test
    void rejectsHeadersBeyondTheRangeOfALong() {
        assertThatThrownBy(() -> new RecordIo.Decoder(Long.MAX_VALUE)
                .feed("99999999999999999999999\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("longer than");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
