package io.acta.kafka.internal;

import io.acta.api.topic.Publication;
import io.acta.api.topic.TopicMessage;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.EventFeed;
import io.acta.runtime.FeedDeliveryException;
import io.acta.runtime.spi.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes a group of events to a publication's topic: each event's message, if it has one, keyed
 * by the entity id (so a partition holds each entity's messages in journal order), the event id,
 * type name, version and time in headers. Records are handed to the producer in journal order on
 * one thread, and the producer is idempotent, so retries inside the client neither duplicate nor
 * reorder; the group completes when the broker acknowledged every record.
 */
final class TopicPublisher<E, M> implements EventFeed.Delivery<E> {
  private final Publication<E, M> publication;
  private final MessageCodec<M> codec;
  private final Producer<String, byte[]> producer;
  private final Executor sender;
  private final Counter published;

  TopicPublisher(
      Publication<E, M> publication,
      Producer<String, byte[]> producer,
      Executor sender,
      MeterRegistry meters) {
    this.publication = publication;
    this.codec = new MessageCodec<>(publication.messageType(), List.of());
    this.producer = producer;
    this.sender = sender;
    this.published =
        Counter.builder("acta.kafka.published")
            .description("Messages publications handed to their topic and the broker acknowledged")
            .tags("publication", publication.name(), "topic", publication.topic())
            .register(meters);
  }

  @Override
  public CompletionStage<Void> deliver(List<ViewEvent<E>> events) {
    // Producer.send may block while it fetches the topic's metadata: never on Pekko's threads.
    return CompletableFuture.supplyAsync(() -> sendAll(events), sender).thenCompose(s -> s);
  }

  private CompletableFuture<Void> sendAll(List<ViewEvent<E>> events) {
    List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
    for (ViewEvent<E> event : events) {
      ProducerRecord<String, byte[]> record;
      try {
        Optional<? extends M> message = publication.mapper().toMessage(event);
        if (message.isEmpty()) continue;
        record = recordOf(event, message.get());
      } catch (RuntimeException e) {
        acks.add(CompletableFuture.failedFuture(new FeedDeliveryException(event, e)));
        break; // the events after it wait for the retry, to stay in order behind it
      }
      CompletableFuture<Void> ack = new CompletableFuture<>();
      try {
        producer.send(
            record,
            (metadata, error) -> {
              if (error == null) {
                published.increment();
                ack.complete(null);
              } else {
                ack.completeExceptionally(new FeedDeliveryException(event, error));
              }
            });
      } catch (RuntimeException e) {
        ack.completeExceptionally(new FeedDeliveryException(event, e));
      }
      acks.add(ack);
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  private ProducerRecord<String, byte[]> recordOf(ViewEvent<E> event, M message) {
    MessageCodec.Encoded encoded = codec.encode(message);
    var headers = new RecordHeaders();
    headers.add(TopicMessage.EVENT_ID_HEADER, utf8(Publication.eventIdOf(event)));
    headers.add(TopicMessage.TYPE_HEADER, utf8(encoded.typeName()));
    headers.add(TopicMessage.VERSION_HEADER, utf8(Integer.toString(encoded.version())));
    headers.add(TopicMessage.TIME_HEADER, utf8(event.timestamp().toString()));
    // The trace the event was persisted in, through the feed's span: consumers continue it.
    String trace = Traces.of(event);
    if (trace != null) headers.add(Traces.TRACEPARENT, utf8(trace));
    return new ProducerRecord<>(
        publication.topic(),
        null,
        event.timestamp().toEpochMilli(),
        event.entityId(),
        encoded.value(),
        headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
