package io.acta.embedded.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's log as it grows, looking for a marker (the line a server writes once it is
 * ready), and gives the tail of a log for exception messages.
 *
 * <p>Not thread-safe; one scanner per wait.
 */
public final class LogScanner {
  private final Path file;
  private long offset;
  private String carry = "";

  /** A scanner from the start of {@code file}, which need not exist yet. */
  public LogScanner(Path file) {
    this.file = file;
  }

  /**
   * Whether the text added to the file since the last call, with the end of what came before (so
   * that a marker split across two reads is found), contains {@code marker}.
   */
  public boolean contains(String marker) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length <= offset) return false;
      raf.seek(offset);
      byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
      raf.readFully(bytes);
      offset += bytes.length;
      String text = carry + new String(bytes, StandardCharsets.UTF_8);
      if (text.contains(marker)) return true;
      carry = text.substring(Math.max(0, text.length() - marker.length()));
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  // A log record's first line: "[2026-01-01 10:00:00,000] ERROR ..." (Kafka's layout) or
  // "ERROR [main] ..." (Cassandra's).
  private static final Pattern RECORD =
      Pattern.compile("^(?:\\[[^\\]]*\\] )?(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\b");

  /**
   * The first ERROR or FATAL record of {@code log}: its line and the exception lines after it
   * (messages and causes, not stack frames), at most {@code maxLines} lines; empty when there is
   * none. The root cause of a failed start is usually there, far above a tail full of shutdown.
   */
  public static String firstError(Path log, int maxLines) {
    List<String> all;
    try {
      all = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < all.size() && out.isEmpty(); i++) {
      Matcher m = RECORD.matcher(all.get(i));
      if (!m.find() || !(m.group(1).equals("ERROR") || m.group(1).equals("FATAL"))) continue;
      out.add(all.get(i));
      for (int j = i + 1; j < all.size() && out.size() < maxLines; j++) {
        String line = all.get(j);
        if (RECORD.matcher(line).find()) break;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("at ") || t.startsWith("... ")) continue;
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  /** The last {@code lines} lines of {@code log}, framed, or a note that there is none. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return "--- last "
          + tail.size()
          + " lines of "
          + log
          + " ---\n"
          + String.join("\n", tail)
          + "\n--- end of "
          + log
          + " ---";
    } catch (IOException | RuntimeException e) {
      return "(no server log at " + log + ": " + e.getMessage() + ")";
    }
  }
}
