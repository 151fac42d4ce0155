package io.acta.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acta.api.entity.Effect;
import io.acta.api.entity.EntityType;
import io.acta.api.entity.EventSourcedEntity;
import io.acta.api.entity.ReplyType;
import io.acta.api.entity.TypeName;
import io.acta.api.topic.Publication;
import io.acta.api.topic.TopicMessage;
import io.acta.api.view.ViewEvent;
import io.acta.runtime.FeedDeliveryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The records a publication makes of a group of events, on Kafka's own mock producer. */
class TopicPublisherTest {
  sealed interface CounterCommand extends ReplyType<Long> {
    @TypeName("counter.add")
    record Add(long by) implements CounterCommand {}
  }

  sealed interface CounterEvent {
    @TypeName("counter.added")
    record Added(long by) implements CounterEvent {}

    @TypeName("counter.audited")
    record Audited() implements CounterEvent {}
  }

  @TypeName(value = "public.counted", version = 3)
  record Counted(String counter, long by) {}

  @TypeName("counter.total")
  record Total(long value) {}

  static final class Counter implements EventSourcedEntity<CounterCommand, CounterEvent, Total> {
    @Override
    public Total emptyState() {
      return new Total(0);
    }

    @Override
    public Effect<CounterEvent, Total> decide(Total state, CounterCommand command) {
      return switch (command) {
        case CounterCommand.Add add -> effects().persist(new CounterEvent.Added(add.by()));
      };
    }

    @Override
    public Total evolve(Total state, CounterEvent event) {
      return switch (event) {
        case CounterEvent.Added a -> new Total(state.value() + a.by());
        case CounterEvent.Audited a -> state;
      };
    }
  }

  private static final EntityType<CounterCommand, CounterEvent, Total> COUNTER =
      EntityType.of("counter", new Counter());

  /** Added becomes Counted; Audited stays private; an Added of 13 cannot be published. */
  private static final Publication<CounterEvent, Counted> COUNTS =
      Publication.of(
          "counts",
          COUNTER,
          "counts",
          Counted.class,
          event ->
              switch (event.payload()) {
                case CounterEvent.Added a when a.by() == 13 ->
                    throw new IllegalStateException("13 is unlucky");
                case CounterEvent.Added a -> Optional.of(new Counted(event.entityId(), a.by()));
                case CounterEvent.Audited a -> Optional.empty();
              });

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final TopicPublisher<CounterEvent, Counted> publisher =
      new TopicPublisher<>(COUNTS, producer, Runnable::run, new SimpleMeterRegistry());

  private static ViewEvent<CounterEvent> event(String id, long seq, CounterEvent payload) {
    return new ViewEvent<>("counter", id, seq, Instant.parse("2026-12-05T10:00:00Z"), payload);
  }

  private static String header(ProducerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void eachEventWithAMessageBecomesARecordKeyedByItsEntityInJournalOrder() {
    publisher
        .deliver(
            List.of(
                event("a", 1, new CounterEvent.Added(5)),
                event("b", 1, new CounterEvent.Added(7)),
                event("a", 2, new CounterEvent.Audited()),
                event("a", 3, new CounterEvent.Added(2))))
        .toCompletableFuture()
        .join();

    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::key).containsExactly("a", "b", "a");
    assertThat(sent)
        .extracting(r -> header(r, TopicMessage.EVENT_ID_HEADER))
        .containsExactly("counter|a#1", "counter|b#1", "counter|a#3");
    ProducerRecord<String, byte[]> first = sent.getFirst();
    assertThat(first.topic()).isEqualTo("counts");
    assertThat(header(first, TopicMessage.TYPE_HEADER)).isEqualTo("public.counted");
    assertThat(header(first, TopicMessage.VERSION_HEADER)).isEqualTo("3");
    assertThat(header(first, TopicMessage.TIME_HEADER)).isEqualTo("2026-12-05T10:00:00Z");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli());
    assertThat(new String(first.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"counter\":\"a\",\"by\":5}");
  }

  @Test
  void anEventThatCannotBePublishedFailsTheGroupNamingItAndNothingAfterItIsSent() {
    var delivered =
        publisher
            .deliver(
                List.of(
                    event("a", 1, new CounterEvent.Added(5)),
                    event("a", 2, new CounterEvent.Added(13)),
                    event("a", 3, new CounterEvent.Added(1))))
            .toCompletableFuture();

    assertThatThrownBy(delivered::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(FeedDeliveryException.class)
        .hasMessageContaining("counter|a #2")
        .hasMessageContaining("13 is unlucky");
    assertThat(producer.history())
        .extracting(r -> header(r, TopicMessage.EVENT_ID_HEADER))
        .containsExactly("counter|a#1");
  }

  @Test
  void theGroupCompletesOnlyWhenTheBrokerAcknowledgedEveryRecord() {
    var manual = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    var waiting = new TopicPublisher<>(COUNTS, manual, Runnable::run, new SimpleMeterRegistry());
    var delivered =
        waiting
            .deliver(
                List.of(
                    event("a", 1, new CounterEvent.Added(1)),
                    event("b", 1, new CounterEvent.Added(2))))
            .toCompletableFuture();

    manual.completeNext();
    assertThat(delivered).isNotDone();
    manual.errorNext(new TimeoutException("broker gone"));
    assertThatThrownBy(delivered::join)
        .cause()
        .isInstanceOf(FeedDeliveryException.class)
        .hasMessageContaining("counter|b #1")
        .hasMessageContaining("broker gone");
  }
}
