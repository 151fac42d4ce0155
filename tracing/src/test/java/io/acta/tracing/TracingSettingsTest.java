package io.acta.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.acta.config.ReferenceConfCheck;
import java.io.File;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {
  @Test
  void theTableAgreesWithReferenceConf() {
    var reference = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
    assertThat(ReferenceConfCheck.problems(Tracing.SETTINGS, reference)).isEmpty();
  }
}
