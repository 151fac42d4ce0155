package io.acta.api.entity;

import io.acta.config.ActaConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntitySettingsTest {

  @Test
  void builderStartsFromTheDocumentedDefaults() {
    EntitySettings s = EntitySettings.builder().build();
    assertThat(s.snapshotEvery()).isEqualTo(100);
    assertThat(s.keepSnapshots()).isEqualTo(2);
    assertThat(s.passivateAfterIdle()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.askTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.idempotencyWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(s.idempotencyMaxKeys()).isEqualTo(1000);
    assertThat(s.slices()).isEqualTo(4);
  }

  @Test
  void configForATypeOverridesTheCodeKeyByKey() {
    var config = ConfigFactory.parseString("""
        acta.entity-types.account { snapshot-every = 7, passivate-after-idle = off, idempotency.max-keys = 3 }
        """).withFallback(ActaConfig.referenceOnly());
    var fromCode = EntitySettings.builder().askTimeout(Duration.ofSeconds(2)).snapshotEvery(50).build();

    var resolved = EntitySettings.resolve(config, "account", fromCode);

    assertThat(resolved.snapshotEvery()).isEqualTo(7);
    assertThat(resolved.passivates()).isFalse();
    assertThat(resolved.idempotencyMaxKeys()).isEqualTo(3);
    assertThat(resolved.askTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(EntitySettings.resolve(config, "other", fromCode)).isEqualTo(fromCode);
  }

  @Test
  void invalidValuesAreRejectedWithTheKeyName() {
    assertThatThrownBy(() -> EntitySettings.builder().askTimeout(Duration.ZERO).build())
        .hasMessageContaining("ask-timeout");
    assertThatThrownBy(() -> EntitySettings.builder().snapshotEvery(-1).build())
        .hasMessageContaining("snapshot-every");
  }
}
