package io.acta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {
  static final Setting<Integer> COUNT =
      Setting.integer("count", 4, "How many.").requiring(Constraint.between(1, 1024));
  static final Setting<Boolean> ENABLED = Setting.bool("enabled", true, "Whether.");
  static final Setting<String> NAME =
      Setting.string("name", "acta", "The name.").requiring(Constraint.notBlank());
  static final Setting<Duration> TIMEOUT =
      Setting.duration("timeout", Duration.ofSeconds(5), "How long.")
          .requiring(Constraint.positive());
  static final Setting<Duration> IDLE =
      Setting.durationOrOff("idle", Duration.ofMinutes(2), "Idle for.");
  static final Setting<Long> SIZE =
      Setting.memorySize("limits.size", 64 * 1024, "How large.")
          .requiring(Constraint.atLeastBytes(1024));
  static final Setting<List<String>> OPTIONS =
      Setting.stringList("options", List.of(), "Extra options.");
  static final Setting<Integer> PORT =
      Setting.integer("port", 0, "The port.").requiring(Constraint.port());
  static final SettingsTable TABLE =
      SettingsTable.of("test.section", COUNT, ENABLED, NAME, TIMEOUT, IDLE, SIZE, OPTIONS, PORT);

  @Test
  void readsEveryKindOfTheKeysPresentOnly() {
    Config config =
        ConfigFactory.parseString(
            """
            test.section {
              count = 7, enabled = off, name = n, timeout = 250ms, idle = off, limits.size = 2m, options = [a, b], port = 9
              undeclared = ignored
            }
            """);
    SettingValues v = SettingsReader.read(config, TABLE);
    assertThat(v.keys())
        .containsExactlyInAnyOrder(
            "count", "enabled", "name", "timeout", "idle", "limits.size", "options", "port");
    assertThat(v.get(COUNT)).isEqualTo(7);
    assertThat(v.get(ENABLED)).isFalse();
    assertThat(v.get(NAME)).isEqualTo("n");
    assertThat(v.get(TIMEOUT)).isEqualTo(Duration.ofMillis(250));
    assertThat(v.get(IDLE)).isEqualTo(Duration.ZERO);
    assertThat(v.get(SIZE)).isEqualTo(2L * 1024 * 1024);
    assertThat(v.get(OPTIONS)).containsExactly("a", "b");
    assertThat(v.get(PORT)).isEqualTo(9);

    assertThat(
            SettingsReader.read(ConfigFactory.parseString("test.section.idle = 10s"), TABLE)
                .get(IDLE))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void overridesOnlyTheKeysPresent() {
    Config config = ConfigFactory.parseString("types.\"a.b\" { count = 9, limits { size = 4k } }");
    SettingValues fromCode = SettingValues.empty().with(COUNT, 2).with(NAME, "code");

    SettingValues present = SettingsReader.read(config, "types.\"a.b\"", TABLE);
    SettingValues resolved = fromCode.withAll(present);

    assertThat(present.keys()).containsExactlyInAnyOrder("count", "limits.size");
    assertThat(resolved.get(COUNT)).isEqualTo(9);
    assertThat(resolved.get(NAME)).isEqualTo("code");
    assertThat(resolved.get(SIZE)).isEqualTo(4096L);
    assertThat(resolved.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SettingsReader.read(config, "types.other", TABLE).isEmpty()).isTrue();
  }

  @Test
  void eachConstraintIsReportedWithTheFullPathAndTheAllowedValues() {
    assertThat(error("types.\"x\".count = 0", "types.\"x\""))
        .isEqualTo("types.\"x\".count must be between 1 and 1024, was 0");
    assertThat(error("test.section.timeout = 0s"))
        .isEqualTo("test.section.timeout must be positive, was 0s");
    assertThat(error("test.section.idle = -1s"))
        .isEqualTo("test.section.idle must be \"off\" or positive, was -1s");
    assertThat(error("test.section.limits.size = 100"))
        .isEqualTo("test.section.limits.size must be at least 1k, was 100 bytes");
    assertThat(error("test.section.name = \" \""))
        .isEqualTo("test.section.name must be not blank, was \" \"");
    assertThat(error("test.section.port = 70000"))
        .isEqualTo("test.section.port must be 0 (free port) or 1..65535, was 70000");
  }

  @Test
  void valuesOfTheWrongKindAreReportedWithTheFullPath() {
    assertThat(error("test.section.count = many"))
        .startsWith("test.section.count must be an integer (");
    assertThat(error("test.section.timeout = soon"))
        .startsWith("test.section.timeout must be a duration such as 5s (");
    assertThat(error("test.section.idle = never"))
        .startsWith("test.section.idle must be a duration such as 5s, or \"off\" (");
    assertThat(error("test.section.limits.size = big"))
        .startsWith("test.section.limits.size must be a size such as 64k or 512m (");
    assertThat(error("test.section.options = a"))
        .startsWith("test.section.options must be a list of strings (");
    assertThat(error("test.section.enabled = maybe"))
        .startsWith("test.section.enabled must be a boolean (");
    assertThat(error("test.section = 3"))
        .isEqualTo("test.section must be a section of settings ({ ... }), was number 3");
  }

  @Test
  void checksInCodeNameTheKeyUnderTheTablesSection() {
    assertThatThrownBy(() -> TABLE.check(COUNT, 2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.section.count must be between 1 and 1024, was 2000");
    assertThatThrownBy(() -> TABLE.check(TIMEOUT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("test.section.timeout");
  }

  private static String error(String hocon) {
    return error(hocon, TABLE.section());
  }

  private static String error(String hocon, String path) {
    Config config = ConfigFactory.parseString(hocon);
    try {
      SettingsReader.read(config, path, TABLE);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + hocon);
  }
}
