package io.acta.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.config.ReferenceConfCheck;
import java.io.File;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {
  private static final Config REFERENCE =
      ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));

  @Test
  void theNodeTableAgreesWithReferenceConf() {
    assertThat(ReferenceConfCheck.problems(RuntimeSettings.NODE, REFERENCE)).isEmpty();
  }

  @Test
  void theProjectionsTableAgreesWithReferenceConf() {
    assertThat(ReferenceConfCheck.problems(RuntimeSettings.PROJECTIONS, REFERENCE)).isEmpty();
  }
}
