package io.acta.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a {@link SettingsTable} with a {@code reference.conf}, for a module's unit test: every
 * declared key is there with the declared default and, as its comment, the declared doc; and the
 * section holds no key the table lacks. Comments are compared as text: comment markers dropped,
 * whitespace collapsed.
 *
 * <pre>{@code
 * assertThat(ReferenceConfCheck.problems(HttpApi.SETTINGS,
 *     ConfigFactory.parseFile(new File("src/main/resources/reference.conf")))).isEmpty();
 * }</pre>
 */
public final class ReferenceConfCheck {
  private ReferenceConfCheck() {}

  /**
   * What differs between {@code table} and {@code reference} (parsed, not resolved, so that
   * comments are kept), one sentence each naming the full key; empty when they agree.
   */
  public static List<String> problems(SettingsTable table, Config reference) {
    Objects.requireNonNull(reference, "reference");
    List<String> problems = new ArrayList<>();
    for (Setting<?> setting : table.settings()) {
      String key = table.fullKey(setting);
      if (!reference.hasPath(key)) {
        problems.add(key + " is declared but not in reference.conf");
        continue;
      }
      check(problems, table, setting, reference);
    }
    if (reference.hasPath(table.section())) {
      for (Map.Entry<String, ConfigValue> e : reference.getConfig(table.section()).entrySet()) {
        if (table.find(e.getKey()).isEmpty()) {
          problems.add(
              table.section() + "." + e.getKey() + " is in reference.conf but not declared");
        }
      }
    }
    return problems;
  }

  private static <T> void check(
      List<String> problems, SettingsTable table, Setting<T> setting, Config reference) {
    String key = table.fullKey(setting);
    try {
      T value = SettingsReader.read(reference, table).get(setting);
      if (!value.equals(setting.defaultValue())) {
        problems.add(
            key
                + " defaults to "
                + setting.kind().format(setting.defaultValue())
                + " in the table but to "
                + setting.kind().format(value)
                + " in reference.conf");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return;
    }
    String comment = normalize(String.join("\n", reference.getValue(key).origin().comments()));
    String doc = normalize(setting.doc());
    if (!comment.equals(doc)) {
      problems.add(
          key
              + ": the doc and the comment in reference.conf differ\n  doc:     "
              + doc
              + "\n  comment: "
              + comment);
    }
  }

  /** Without comment markers at line starts, and with every run of whitespace one space. */
  static String normalize(String text) {
    return text.replaceAll("(?m)^\\s*(#|//)", " ").replaceAll("\\s+", " ").trim();
  }
}
