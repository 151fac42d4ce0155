package io.acta.projection.internal;

import io.acta.projection.ViewEvent;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.projection.javadsl.Handler;

/** Folds each event of one slice into one view, through the {@link ViewStore}. */
public final class ViewHandler<V> extends Handler<org.apache.pekko.projection.eventsourced.EventEnvelope<Object>> {

  private final ViewStore store;
  private final ViewFold<V> fold;
  private final AtomicLong processed;

  public ViewHandler(ViewStore store, ViewFold<V> fold, AtomicLong processed) {
    this.store = store;
    this.fold = fold;
    this.processed = processed;
  }

  @Override
  public CompletionStage<Done> process(org.apache.pekko.projection.eventsourced.EventEnvelope<Object> envelope) {
    String pid = envelope.persistenceId();
    int bar = pid.indexOf('|');
    var event = new ViewEvent<>(pid.substring(0, bar), pid.substring(bar + 1), envelope.sequenceNr(),
        Instant.ofEpochMilli(envelope.timestamp()), envelope.event());
    return store.apply(fold, event).thenApply(applied -> {
      processed.incrementAndGet();
      FaultInjection.runAfterViewWrite();
      return Done.getInstance();
    });
  }

}
