package io.acta.cassandra.internal;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The stored form of a view row in {@code view_rows.row}: its JSON as the codec wrote it or, when
 * that is larger than {@link #COMPRESS_ABOVE} bytes, the JSON compressed with LZ4.
 *
 * <p>A row is rewritten whole on every change it folds: a row that keeps a list (the ledger's
 * {@code history}, an account's last 100 movements, about 17 KB of JSON) cost Cassandra that much
 * per event in commit log, memtable, flushes and compaction, where the event itself is a few
 * hundred bytes. Its JSON, field names repeated in every element, compresses about 4.5 times, in
 * about 7 µs on this machine's cores (BENCHMARKS.md, sixteenth step). Small rows, most of them, are
 * kept as they are: nothing to gain, and readable as text.
 *
 * <p>The form: a compressed row starts with the byte {@code 0xFF}, which no UTF-8 text starts with
 * (so never the codec's JSON), then the JSON's length (4 bytes, big-endian) and the LZ4 block. Rows
 * written before compression existed read as they are.
 */
final class RowBytes {
  /** Rows of JSON larger than this many bytes are stored compressed. */
  static final int COMPRESS_ABOVE = 1024;

  private static final byte LZ4_BLOCK = (byte) 0xFF;
  private static final int HEADER = 5;

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

  private RowBytes() {}

  /** The stored form of a row whose JSON is {@code json}. */
  static ByteBuffer encode(byte[] json) {
    if (json.length <= COMPRESS_ABOVE) return ByteBuffer.wrap(json);
    byte[] out = new byte[HEADER + COMPRESSOR.maxCompressedLength(json.length)];
    out[0] = LZ4_BLOCK;
    ByteBuffer.wrap(out, 1, 4).putInt(json.length);
    int compressed = COMPRESSOR.compress(json, 0, json.length, out, HEADER);
    return ByteBuffer.wrap(out, 0, HEADER + compressed);
  }

  /** The JSON of a row stored as {@code stored} (left as it was). */
  static byte[] decode(ByteBuffer stored) {
    ByteBuffer b = stored.duplicate();
    if (!b.hasRemaining() || b.get(b.position()) != LZ4_BLOCK) {
      byte[] json = new byte[b.remaining()];
      b.get(json);
      return json;
    }
    int length = b.remaining() >= HEADER ? b.getInt(b.position() + 1) : -1;
    if (length < 0) throw new IllegalArgumentException("a compressed view row without its length");
    byte[] json = new byte[length];
    int read =
        DECOMPRESSOR.decompress(
            b, b.position() + HEADER, b.remaining() - HEADER, ByteBuffer.wrap(json), 0, length);
    if (read != length) {
      throw new IllegalArgumentException(
          "a compressed view row of " + read + " bytes, where its header says " + length);
    }
    return json;
  }
}
