package io.acta.http.internal;

/**
 * The {@code Idempotency-Key} request header, as draft-ietf-httpapi-idempotency-key-header has it:
 * an sf-string ({@code "8e03978e-40d5"}, printable ASCII in double quotes, with {@code \"} and
 * {@code \\} escaped). A bare token of visible ASCII is taken as the same key, since clients long
 * sent keys unquoted. Anything else is refused rather than guessed at.
 */
final class IdempotencyKeyHeader {
  /** The longest key accepted, in characters once unquoted. */
  static final int MAX_LENGTH = 255;

  static final String FORM =
      "the Idempotency-Key header must be a quoted string of 1 to "
          + MAX_LENGTH
          + " printable ASCII characters, as in Idempotency-Key: \"8e03978e-40d5-43e8\"";

  private IdempotencyKeyHeader() {}

  /**
   * The key {@code header} carries.
   *
   * @throws ApiError 400 when it is not an sf-string or a bare token, is blank or too long
   */
  static String parse(String header) {
    String key = header.length() >= 2 && header.startsWith("\"") ? quoted(header) : bare(header);
    if (key == null || key.isBlank() || key.length() > MAX_LENGTH) throw ApiError.badRequest(FORM);
    return key;
  }

  /** The content of an sf-string, or null when {@code header} is not one. */
  private static String quoted(String header) {
    StringBuilder key = new StringBuilder();
    int last = header.length() - 1;
    if (header.charAt(last) != '"') return null;
    for (int i = 1; i < last; i++) {
      char c = header.charAt(i);
      if (c == '\\') {
        if (i + 1 >= last) return null;
        char escaped = header.charAt(++i);
        if (escaped != '"' && escaped != '\\') return null;
        key.append(escaped);
      } else if (c == '"' || c < 0x20 || c > 0x7E) {
        return null;
      } else {
        key.append(c);
      }
    }
    return key.toString();
  }

  /** A token of visible ASCII without quotes or backslashes, or null. */
  private static String bare(String header) {
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c <= 0x20 || c > 0x7E || c == '"' || c == '\\') return null;
    }
    return header;
  }
}
