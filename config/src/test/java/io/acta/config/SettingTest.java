package io.acta.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {
  @Test
  void aDeclarationNeedsADocAndAnAllowedDefault() {
    assertThatThrownBy(() -> Setting.integer("n", 1, " ")).hasMessage("setting n needs a doc");
    assertThatThrownBy(() -> Setting.integer("n", 0, "N.").requiring(Constraint.atLeast(1)))
        .hasMessage("setting n: the default 0 is not >= 1");
    assertThatThrownBy(
            () ->
                SettingsTable.of(
                    "s", Setting.bool("a", true, "A."), Setting.bool("a", false, "A.")))
        .hasMessage("key a is declared twice in s");
  }

  @Test
  void valuesAreFormattedAsHoconWritesThem() {
    assertThat(Setting.Kind.DURATION.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(Setting.Kind.DURATION.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Setting.Kind.DURATION_OR_OFF.format(Duration.ZERO)).isEqualTo("off");
    assertThat(Setting.Kind.MEMORY_SIZE.format(512L << 20)).isEqualTo("512m");
    assertThat(Setting.Kind.STRING_LIST.format(List.of("a"))).isEqualTo("[a]");
  }

  @Test
  void valuesFallBackToDefaultsAndOverrideKeyByKey() {
    Setting<Integer> a = Setting.integer("a", 1, "A.");
    Setting<Integer> b = Setting.integer("b", 2, "B.");
    SettingValues base = SettingValues.empty().with(a, 10);
    SettingValues merged = base.withAll(SettingValues.empty().with(b, 20));
    assertThat(base.get(b)).isEqualTo(2);
    assertThat(merged.get(a)).isEqualTo(10);
    assertThat(merged.get(b)).isEqualTo(20);
    assertThat(SettingsTable.of("s", a, b).defaults().get(b)).isEqualTo(2);
    assertThat(merged).hasToString("{a = 10, b = 20}");
    assertThat(merged.without(a).get(a)).isEqualTo(1);
    assertThat(merged.without(a).contains(a)).isFalse();
  }
}
