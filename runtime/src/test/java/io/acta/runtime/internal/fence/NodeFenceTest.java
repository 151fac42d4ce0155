package io.acta.runtime.internal.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.runtime.ActaNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code acta.node.pause-fence}: its default, "off", and what a node refuses to start with. */
class NodeFenceTest {

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void tenSecondsByDefaultUnderTheResolversTwenty() {
    assertThat(NodeFence.threshold(config(""))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void offIsZero() {
    assertThat(NodeFence.threshold(config("acta.node.pause-fence = off"))).isZero();
    assertThat(
            NodeFence.threshold(
                config(
                    "acta.node.pause-fence = off\n"
                        + "acta.node.split-brain-resolver.stable-after = 1s")))
        .isZero();
  }

  @Test
  void aFenceShorterThanStableAfterIsAccepted() {
    assertThat(
            NodeFence.threshold(
                config(
                    "acta.node.pause-fence = 3s\n"
                        + "acta.node.split-brain-resolver.stable-after = 5s")))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aFenceNotShorterThanStableAfterIsRefusedSayingWhy() {
    assertThatThrownBy(() -> NodeFence.threshold(config("acta.node.pause-fence = 20s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "acta.node.pause-fence (20s) must be shorter than"
                + " acta.node.split-brain-resolver.stable-after (20s), or off")
        .hasMessageContaining("cannot have been replaced");
    assertThatThrownBy(
            () ->
                NodeFence.threshold(
                    config(
                        "acta.node.pause-fence = 10s\n"
                            + "acta.node.split-brain-resolver.stable-after = 5s")))
        .hasMessageContaining("(10s) must be shorter than")
        .hasMessageContaining("(5s)");
  }

  @Test
  void aFenceUnderASecondOrNotADurationIsRefused() {
    assertThatThrownBy(() -> NodeFence.threshold(config("acta.node.pause-fence = 500ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acta.node.pause-fence must be \"off\" or at least 1s, was 500ms");
    assertThatThrownBy(() -> NodeFence.threshold(config("acta.node.pause-fence = soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("acta.node.pause-fence must be a duration such as 5s, or \"off\"");
  }

  @Test
  void aNodeRefusesToStartWithAFenceAsLongAsStableAfter() {
    assertThatThrownBy(
            () ->
                ActaNode.builder("fenced")
                    .store("in-memory")
                    .config(
                        "acta.node.pause-fence = 5s\n"
                            + "acta.node.split-brain-resolver.stable-after = 5s\n"
                            + "pekko.fail-mixed-versions = off")
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acta.node.pause-fence (5s) must be shorter than");
  }
}
