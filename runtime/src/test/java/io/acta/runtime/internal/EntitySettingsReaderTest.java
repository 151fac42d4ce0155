package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.acta.api.entity.EntitySettings;
import io.acta.config.ActaConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntitySettingsReaderTest {

  @Test
  void configForATypeOverridesTheCodeKeyByKey() {
    var config =
        ConfigFactory.parseString(
                """
                acta.entity-types.account { snapshot-every = 7, passivate-after-idle = off, idempotency.max-keys = 3 }
                """)
            .withFallback(ActaConfig.referenceOnly());
    var fromCode =
        EntitySettings.builder().askTimeout(Duration.ofSeconds(2)).snapshotEvery(50).build();

    var resolved = EntitySettingsReader.resolve(config, "account", fromCode);

    assertThat(resolved.snapshotEvery()).isEqualTo(7);
    assertThat(resolved.passivates()).isFalse();
    assertThat(resolved.idempotencyMaxKeys()).isEqualTo(3);
    assertThat(resolved.askTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(resolved.slices()).isEqualTo(4);
    assertThat(EntitySettingsReader.resolve(config, "other", fromCode)).isSameAs(fromCode);
  }

  @Test
  void typeNamesWithDotsAreOneKey() {
    var config = ConfigFactory.parseString("acta.entity-types.\"bank.account\".slices = 16");
    assertThat(
            EntitySettingsReader.resolve(config, "bank.account", EntitySettings.builder().build())
                .slices())
        .isEqualTo(16);
  }

  @Test
  void invalidValuesNameTheTypesPath() {
    var config = ConfigFactory.parseString("acta.entity-types.account.slices = 0");
    assertThatThrownBy(
            () -> EntitySettingsReader.resolve(config, "account", EntitySettings.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acta.entity-types.\"account\".slices must be between 1 and 1024, was 0");
    var wrongKind = ConfigFactory.parseString("acta.entity-types.account.ask-timeout = soon");
    assertThatThrownBy(
            () ->
                EntitySettingsReader.resolve(
                    wrongKind, "account", EntitySettings.builder().build()))
        .hasMessageStartingWith(
            "acta.entity-types.\"account\".ask-timeout must be a duration such as 5s (");
  }

  @Test
  void defaultsAreThoseOfReferenceConf() {
    assertThat(EntitySettingsReader.defaults(ActaConfig.referenceOnly()))
        .isEqualTo(EntitySettings.builder().build());
  }
}
