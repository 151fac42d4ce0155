package io.acta.runtime.internal.entity;

/**
 * A user event as the journal stores it when a trace persisted it: the event, and the W3C {@code
 * traceparent} of the persist, so that views, reactions, processes and feeds handling it later, on
 * any node, continue that trace. The entity's own code and every reader of events see the event
 * alone ({@link #unwrap}); the serializer stores it as the event's JSON under the event's own
 * manifest with one more field, which readers that predate tracing ignore as they do any unknown
 * field, and events stored without it read as before.
 */
public record TracedEvent(Object event, String traceparent) {

  /** The user's event of a journal entry, traced or not. */
  public static Object unwrap(Object journalEntry) {
    return journalEntry instanceof TracedEvent t ? t.event() : journalEntry;
  }

  /** The trace a journal entry was persisted in; null when none was recorded. */
  public static String traceparentOf(Object journalEntry) {
    return journalEntry instanceof TracedEvent t ? t.traceparent() : null;
  }
}
