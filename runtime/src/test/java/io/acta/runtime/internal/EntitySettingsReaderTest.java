package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.acta.api.entity.EntitySettings;
import io.acta.config.ActaConfig;
import io.acta.config.SettingValues;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntitySettingsReaderTest {

  @Test
  void configForATypeOverridesTheCodeKeyByKey() {
    var config =
        ConfigFactory.parseString(
                """
                acta.entity-types.account { snapshot-every = 7, passivate-after-idle = off, idempotency.cached-keys = 3 }
                """)
            .withFallback(ActaConfig.referenceOnly());
    var fromCode =
        EntitySettings.builder()
            .askTimeout(Duration.ofSeconds(2))
            .snapshotEvery(50)
            .build()
            .values();

    var resolved = EntitySettingsReader.resolve(config, "account", fromCode);

    assertThat(resolved.snapshotEvery()).isEqualTo(7);
    assertThat(resolved.passivates()).isFalse();
    assertThat(resolved.idempotencyCachedKeys()).isEqualTo(3);
    assertThat(resolved.askTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(resolved.slices()).isEqualTo(4);
    assertThat(EntitySettingsReader.resolve(config, "other", fromCode).values())
        .isEqualTo(fromCode);
  }

  @Test
  void typeNamesWithDotsAreOneKey() {
    var config = ConfigFactory.parseString("acta.entity-types.\"bank.account\".slices = 16");
    assertThat(EntitySettingsReader.resolve(config, "bank.account", SettingValues.empty()).slices())
        .isEqualTo(16);
  }

  @Test
  void invalidValuesNameTheTypesPath() {
    var config = ConfigFactory.parseString("acta.entity-types.account.slices = 0");
    assertThatThrownBy(() -> EntitySettingsReader.resolve(config, "account", SettingValues.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acta.entity-types.\"account\".slices must be between 1 and 1024, was 0");
    var wrongKind = ConfigFactory.parseString("acta.entity-types.account.ask-timeout = soon");
    assertThatThrownBy(
            () -> EntitySettingsReader.resolve(wrongKind, "account", SettingValues.empty()))
        .hasMessageStartingWith(
            "acta.entity-types.\"account\".ask-timeout must be a duration such as 5s (");
  }

  @Test
  void entityDefaultsInTheConfigurationApplyToEveryTypeUnderWhatItsCodeGave() {
    var config =
        ConfigFactory.parseString(
                "acta.entity-defaults { ask-timeout = 9s, slices = 8 }\n"
                    + "acta.entity-types.account.slices = 16")
            .withFallback(ActaConfig.referenceOnly());
    var accountCode = SettingValues.empty().with(EntitySettings.ASK_TIMEOUT, Duration.ofSeconds(2));

    var account = EntitySettingsReader.resolve(config, "account", accountCode);
    var other = EntitySettingsReader.resolve(config, "other", SettingValues.empty());

    assertThat(account.askTimeout()).as("code wins over entity-defaults").hasSeconds(2);
    assertThat(account.slices()).as("entity-types wins over everything").isEqualTo(16);
    assertThat(other.askTimeout()).as("entity-defaults wins over the built-in").hasSeconds(9);
    assertThat(other.slices()).isEqualTo(8);
    assertThat(other.snapshotEvery()).as("built-in where nobody gave one").isEqualTo(100);
  }

  @Test
  void defaultsAreThoseOfReferenceConf() {
    assertThat(EntitySettingsReader.defaults(ActaConfig.referenceOnly()))
        .isEqualTo(EntitySettings.builder().build());
  }
}
