package io.acta.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReferenceConfCheckTest {
  static final SettingsTable TABLE =
      SettingsTable.of(
          "s",
          Setting.integer("count", 4, "How many, at most. 0 turns it off."),
          Setting.duration("inner.timeout", Duration.ofSeconds(5), "How long."));

  @Test
  void agreesWithAReferenceThatSaysTheSame() {
    var reference =
        ConfigFactory.parseString(
            """
            # The section's own comment is not a key's.
            s {
              # How many, at most.
              #   0 turns it off.
              count = 4
              inner {
                // How long.
                timeout = 5s
              }
            }
            """);
    assertThat(ReferenceConfCheck.problems(TABLE, reference)).isEmpty();
  }

  @Test
  void reportsMissingAndUndeclaredKeysDefaultsAndDocs() {
    var reference =
        ConfigFactory.parseString(
            """
            s {
              # How many?
              count = 5
              # Not declared.
              extra = 1
            }
            """);
    assertThat(ReferenceConfCheck.problems(TABLE, reference))
        .containsExactly(
            "s.count defaults to 4 in the table but to 5 in reference.conf",
            "s.count: the doc and the comment in reference.conf differ\n"
                + "  doc:     How many, at most. 0 turns it off.\n  comment: How many?",
            "s.inner.timeout is declared but not in reference.conf",
            "s.extra is in reference.conf but not declared");
  }
}
