package io.acta.runtime.internal.serialization;

import io.acta.runtime.internal.entity.ProcessHealth;
import io.acta.runtime.internal.fence.PauseFence;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.setup.Setup;

/**
 * What the runtime hands its actor system at start: the codec of the node's registered types (for
 * the {@link ActaSerializer}, which Pekko creates by reflection), the clock of idempotency windows,
 * and the pause fence its entities check before they persist.
 */
public final class ActaSetup extends Setup {
  private final PayloadCodec codec;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PauseFence fence;
  private final ProcessHealth processes;

  public ActaSetup(TypeRegistry registry, Clock clock) {
    this(registry, clock, new CompositeMeterRegistry());
  }

  public ActaSetup(TypeRegistry registry, Clock clock, MeterRegistry meters) {
    this(registry, clock, meters, PauseFence.jvm());
  }

  public ActaSetup(TypeRegistry registry, Clock clock, MeterRegistry meters, PauseFence fence) {
    this.codec = new PayloadCodec(registry);
    this.clock = clock;
    this.meters = meters;
    this.fence = fence;
    this.processes = new ProcessHealth(meters);
  }

  /** The processes of this node that cannot progress. */
  public ProcessHealth processes() {
    return processes;
  }

  /** The fence entities check before they persist: the JVM's, unless a test gives its own. */
  public PauseFence fence() {
    return fence;
  }

  /** Where the node's metrics go. */
  public MeterRegistry meters() {
    return meters;
  }

  public PayloadCodec codec() {
    return codec;
  }

  public Clock clock() {
    return clock;
  }

  /** The setup of a system the runtime started; fails when another started it. */
  public static ActaSetup of(ActorSystem system) {
    Optional<ActaSetup> setup = system.settings().setup().get(ActaSetup.class);
    return setup.orElseThrow(
        () ->
            new IllegalStateException(
                "actor system '"
                    + system.name()
                    + "' was not started by the Acta runtime (no ActaSetup)"));
  }
}
