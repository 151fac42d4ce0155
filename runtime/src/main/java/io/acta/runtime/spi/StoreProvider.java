package io.acta.runtime.spi;

import com.typesafe.config.Config;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.Offset;

/**
 * A store of journals, snapshots and (optionally) views, found by {@link #name()} through {@link
 * java.util.ServiceLoader} when {@code acta.persistence.store} names it. Implementations must have
 * a public no-argument constructor and hold no state: the runtime may create several.
 */
public interface StoreProvider {

  /**
   * The value of {@code acta.persistence.store} that selects this store, e.g. {@code "cassandra"}.
   */
  String name();

  /**
   * The Pekko settings (path to value) that put this store's journal and snapshot plugins in place,
   * computed from the node's settled configuration ({@code acta.*} included).
   */
  Map<String, Object> pekkoSettings(Config config);

  /**
   * Dev mode: starts a local server of this store when the configuration asks for one, and returns
   * the settings that point the node at it. Empty when dev mode is off.
   */
  default Optional<DevServer> startDevServer(Config config) {
    return Optional.empty();
  }

  /**
   * Makes the store ready before the node takes commands: connects, and creates or checks the
   * schema as configured. Fails with a message that says what is missing or unreachable.
   */
  default void prepare(ActorSystem<?> system) {}

  /** Readiness: completes with whether the store answers now. Created once per check instance. */
  default Supplier<CompletionStage<Boolean>> healthCheck(ActorSystem<?> system) {
    return () -> CompletableFuture.completedFuture(true);
  }

  /**
   * The plugin id of this store's Pekko query journal, for reading journals back (by persistence
   * id); empty when the store has none.
   */
  default Optional<String> readJournalId() {
    return Optional.empty();
  }

  /**
   * The offset of {@link #readJournalId()}'s events-by-tag query at {@code at}: where a live tail
   * of the journal starts; empty when the store cannot tail its journal.
   */
  default Optional<Offset> offsetAt(Instant at) {
    return Optional.empty();
  }

  /** This store's index of idempotency keys, created once per node and used by all its entities. */
  IdempotencyKeys idempotencyKeys(ActorSystem<?> system);

  /**
   * The storage of views on this store, prepared (tables created or checked) and open.
   *
   * @throws IllegalStateException when this store keeps no views
   */
  ViewStorage openViews(ActorSystem<?> system, Codec codec);

  /** A local server started for dev mode: the settings that point at it, and how to stop it. */
  interface DevServer extends AutoCloseable {
    /** Settings that point the node at this server; they win over the configured ones. */
    Config settings();

    /** Stops the server; blocks until it has stopped. */
    @Override
    void close();
  }
}
