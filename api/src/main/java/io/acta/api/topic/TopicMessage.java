package io.acta.api.topic;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One message read from a topic, as a {@link Subscription} sees it.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param key the record's key, if any
 * @param timestamp the record's time
 * @param headers the record's headers, as UTF-8 text (the last value of each name)
 * @param payload the message, decoded
 * @param <M> the subscription's message type
 */
public record TopicMessage<M>(
    String topic,
    int partition,
    long offset,
    Optional<String> key,
    Instant timestamp,
    Map<String, String> headers,
    M payload) {

  /** The header an Acta publication puts the event id in ({@link Publication#eventIdOf}). */
  public static final String EVENT_ID_HEADER = "acta-event-id";

  /** The header holding the message's type name. */
  public static final String TYPE_HEADER = "acta-type";

  /** The header holding the message's type version. */
  public static final String VERSION_HEADER = "acta-version";

  /** The header holding the source event's time (ISO-8601). */
  public static final String TIME_HEADER = "acta-time";

  /** Where the message sits: {@code <topic>/<partition>/<offset>}, unique and stable. */
  public String position() {
    return topic + "/" + partition + "/" + offset;
  }
}
