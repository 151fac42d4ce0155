package io.acta.api.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.acta.config.ReferenceConfCheck;
import java.io.File;
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
    assertThat(s.idempotencyCachedKeys()).isEqualTo(32);
    assertThat(s.slices()).isEqualTo(4);
  }

  @Test
  void theTableAgreesWithReferenceConf() {
    var reference = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
    assertThat(ReferenceConfCheck.problems(EntitySettings.SETTINGS, reference)).isEmpty();
  }

  @Test
  void toBuilderKeepsEveryField() {
    EntitySettings s =
        EntitySettings.builder()
            .snapshotEvery(0)
            .keepSnapshots(3)
            .passivateAfterIdle(Duration.ZERO)
            .askTimeout(Duration.ofSeconds(1))
            .idempotencyWindow(Duration.ofHours(1))
            .idempotencyCachedKeys(5)
            .slices(8)
            .build();
    assertThat(s.toBuilder().build()).isEqualTo(s);
    assertThat(s.passivates()).isFalse();
  }

  @Test
  void invalidValuesAreRejectedWithTheKeyAndTheAllowedRange() {
    assertThatThrownBy(() -> EntitySettings.builder().askTimeout(Duration.ZERO).build())
        .hasMessage("acta.entity-defaults.ask-timeout must be positive, was 0s");
    assertThatThrownBy(() -> EntitySettings.builder().snapshotEvery(-1).build())
        .hasMessage("acta.entity-defaults.snapshot-every must be >= 0, was -1");
    assertThatThrownBy(() -> EntitySettings.builder().keepSnapshots(0).build())
        .hasMessage("acta.entity-defaults.keep-snapshots must be >= 1, was 0");
    assertThatThrownBy(
            () -> EntitySettings.builder().idempotencyWindow(Duration.ofSeconds(-1)).build())
        .hasMessage("acta.entity-defaults.idempotency.window must be positive, was -1s");
    assertThatThrownBy(() -> EntitySettings.builder().idempotencyCachedKeys(0).build())
        .hasMessage(
            "acta.entity-defaults.idempotency.cached-keys must be between 1 and 10000, was 0");
    assertThatThrownBy(() -> EntitySettings.builder().slices(1025).build())
        .hasMessage("acta.entity-defaults.slices must be between 1 and 1024, was 1025");
    assertThatThrownBy(() -> EntitySettings.builder().passivateAfterIdle(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("acta.entity-defaults.passivate-after-idle");
  }
}
