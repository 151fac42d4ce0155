package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowBytesTest {
  private static final byte[] SMALL =
      "{\"accountId\":\"acc-1\",\"balance\":{\"minorUnits\":100,\"currency\":\"EUR\"}}"
          .getBytes(StandardCharsets.UTF_8);

  /** A history-like row: a list whose elements repeat their field names, about 17 KB. */
  private static final byte[] LARGE =
      IntStream.range(0, 100)
          .mapToObj(
              i ->
                  "{\"sequenceNr\":"
                      + (1000 + 2 * i)
                      + ",\"kind\":\"deposit\",\"amount\":{\"minorUnits\":"
                      + (i * 7919 % 100000)
                      + ",\"currency\":\"EUR\"}}")
          .collect(Collectors.joining(",", "{\"movements\":[", "]}"))
          .getBytes(StandardCharsets.UTF_8);

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void aSmallRowIsStoredAsItsJson() {
    ByteBuffer stored = RowBytes.encode(SMALL);

    assertThat(bytesOf(stored)).isEqualTo(SMALL);
    assertThat(RowBytes.decode(stored)).isEqualTo(SMALL);
  }

  @Test
  void aLargeRowIsStoredCompressedAndReadBack() {
    ByteBuffer stored = RowBytes.encode(LARGE);

    assertThat(stored.remaining()).isLessThan(LARGE.length / 3);
    assertThat(stored.get(stored.position())).isEqualTo((byte) 0xFF);
    assertThat(RowBytes.decode(stored)).isEqualTo(LARGE);
    assertThat(stored.remaining()).as("decoding leaves the buffer as it was").isPositive();
    assertThat(RowBytes.decode(stored)).isEqualTo(LARGE);
  }

  @Test
  void aLargeRowWrittenBeforeCompressionReadsAsItIs() {
    assertThat(RowBytes.decode(ByteBuffer.wrap(LARGE))).isEqualTo(LARGE);
  }

  @Test
  void aDamagedCompressedRowIsAnErrorNotGarbage() {
    byte[] stored = bytesOf(RowBytes.encode(LARGE));
    byte[] cut = java.util.Arrays.copyOf(stored, stored.length / 2);

    assertThatThrownBy(() -> RowBytes.decode(ByteBuffer.wrap(cut)))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> RowBytes.decode(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without its length");
  }
}
