package io.acta.kafka.internal;

import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.CommandTimeoutException;
import io.acta.api.entity.EntityUnavailableException;
import io.acta.api.entity.Idempotent;
import io.acta.api.entity.ReplyType;
import io.acta.api.reaction.Send;
import io.acta.api.topic.Subscription;
import io.acta.api.topic.TopicMessage;
import io.acta.runtime.ActaNode;
import io.acta.runtime.spi.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Subscription}: reads its topic in batches, sends each message's commands (the
 * messages of one key one after the other, keys in parallel), and commits the batch's offsets only
 * when every command was answered. A message that cannot be read, cannot be turned into commands or
 * whose command is rejected is parked on the dead-letter topic, and counts as handled. A command
 * that fails for a passing reason is retried; when retries run out the stream restarts from its
 * last commit, and the commands sent again carry the same idempotency keys.
 */
final class TopicSubscriber<M> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicSubscriber.class);

  /** The header holding why a message was parked. */
  static final String ERROR_HEADER = "acta-error";

  /** The header holding where a parked message came from ({@link TopicMessage#position()}). */
  static final String SOURCE_HEADER = "acta-source";

  /** The header holding the subscription that parked a message. */
  static final String SUBSCRIPTION_HEADER = "acta-subscription";

  /** Settings of one subscription's stream. */
  record Limits(
      int batchMax,
      Duration batchWithin,
      int commandRetries,
      Duration commandRetryDelay,
      Duration restartMin,
      Duration restartMax) {}

  private final Subscription<M> subscription;
  private final ActaNode node;
  private final MessageCodec<M> codec;
  private final Producer<String, byte[]> deadLetters;
  private final String deadLetterTopic;
  private final Limits limits;
  private final Counter applied;
  private final Counter parked;
  private final AtomicReference<Consumer.Control> control = new AtomicReference<>();
  private UniqueKillSwitch killSwitch;
  private CompletionStage<Done> done;
  private volatile boolean stopped;
  private volatile double lastLag;

  TopicSubscriber(
      Subscription<M> subscription,
      ActaNode node,
      Producer<String, byte[]> deadLetters,
      String deadLetterTopic,
      Limits limits) {
    this.subscription = subscription;
    this.node = node;
    this.codec = new MessageCodec<>(subscription.messageType(), subscription.upcasters());
    this.deadLetters = deadLetters;
    this.deadLetterTopic = deadLetterTopic;
    this.limits = limits;
    this.applied = counter("applied", "Messages whose commands their entities accepted");
    this.parked = counter("parked", "Messages parked on the dead-letter topic");
    Gauge.builder("acta.kafka.consumer.lag", this, TopicSubscriber::lag)
        .description("Messages of the subscription's partitions not yet read (the largest)")
        .tags("subscription", subscription.name(), "topic", subscription.topic())
        .register(node.meters());
  }

  private Counter counter(String outcome, String description) {
    return Counter.builder("acta.kafka.consumed")
        .description(description)
        .tags("subscription", subscription.name(), "outcome", outcome)
        .register(node.meters());
  }

  /** Starts reading, in consumer group {@code group}. */
  void start(ConsumerSettings<String, byte[]> settings, String group) {
    ActorSystem<?> system = node.actorSystem();
    CommitterSettings committer = CommitterSettings.create(system);
    RestartSettings restart = RestartSettings.create(limits.restartMin(), limits.restartMax(), 0.2);
    var result =
        RestartSource.onFailuresWithBackoff(
                restart,
                () ->
                    Consumer.committableSource(settings, Subscriptions.topics(subscription.topic()))
                        .mapMaterializedValue(
                            c -> {
                              control.set(c);
                              return c;
                            })
                        .groupedWithin(limits.batchMax(), limits.batchWithin())
                        .mapAsync(1, this::handleBatch)
                        .via(Committer.flow(committer)))
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    killSwitch = result.first();
    done = result.second();
    log.info(
        "Subscription '{}' reads topic {} in group {}; dead letters go to {}",
        subscription.name(),
        subscription.topic(),
        group,
        deadLetterTopic);
  }

  /** The batch's offsets, once each of its messages was applied or parked. */
  private CompletionStage<ConsumerMessage.CommittableOffsetBatch> handleBatch(
      List<ConsumerMessage.CommittableMessage<String, byte[]>> batch) {
    Map<String, CompletableFuture<Void>> chains = new LinkedHashMap<>();
    for (var message : batch) {
      ConsumerRecord<String, byte[]> record = message.record();
      String chainKey = record.partition() + "/" + record.key();
      CompletableFuture<Void> before =
          chains.getOrDefault(chainKey, CompletableFuture.completedFuture(null));
      chains.put(chainKey, before.thenCompose(d -> handle(record)));
    }
    return CompletableFuture.allOf(chains.values().toArray(CompletableFuture[]::new))
        .thenApply(
            d ->
                ConsumerMessage.createCommittableOffsetBatch(
                    batch.stream()
                        .map(ConsumerMessage.CommittableMessage::committableOffset)
                        .toList()));
  }

  private CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = headersOf(record);
    TopicMessage<M> message;
    List<Send<?>> sends;
    try {
      M payload = codec.decode(record.value(), headers);
      message =
          new TopicMessage<>(
              record.topic(),
              record.partition(),
              record.offset(),
              Optional.ofNullable(record.key()),
              Instant.ofEpochMilli(record.timestamp()),
              headers,
              payload);
    } catch (RuntimeException e) {
      return park(record, "cannot be read: " + messageOf(e));
    }
    // Every command is built before the first is sent: a message that cannot be turned into
    // commands is parked whole, never half applied.
    List<ReplyType<?>> commands = new ArrayList<>();
    try {
      sends = Objects.requireNonNull(subscription.toCommands().apply(message), "returned no list");
      for (int i = 0; i < sends.size(); i++) {
        String key = subscription.keyOf(message, i);
        ReplyType<?> command =
            Objects.requireNonNull(sends.get(i).command().apply(key), "built no command");
        if (!(command instanceof Idempotent idempotent)
            || !key.equals(idempotent.idempotencyKey())) {
          // A fault of the code, not of the message: stop here rather than park every message.
          return CompletableFuture.failedFuture(
              new IllegalStateException(
                  "subscription '"
                      + subscription.name()
                      + "' built a command that does not carry the key it was given: it must"
                      + " implement Idempotent and return that key, or a message read again would"
                      + " apply twice"));
        }
        commands.add(command);
      }
    } catch (RuntimeException e) {
      return park(record, "cannot be turned into commands: " + messageOf(e));
    }
    Span span = consuming(record, headers);
    // The commands are sent in the message's trace: each carries it to its entity.
    Context traced = Context.root().with(span);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < sends.size(); i++) {
      Send<?> send = sends.get(i);
      ReplyType<?> command = commands.get(i);
      chain = chain.thenCompose(traced.wrapFunction(d -> send(record, send, command, 0)));
    }
    return chain
        .thenRun(applied::increment)
        .whenComplete(
            (d, error) -> {
              if (error != null) span.setStatus(StatusCode.ERROR, String.valueOf(error));
              span.end();
            });
  }

  /**
   * {@code acta.consume <subscription>}: applying one message, continuing the trace of its {@code
   * traceparent} header (a publishing Acta service's, or any W3C producer's), else a new one.
   */
  private Span consuming(ConsumerRecord<String, byte[]> record, Map<String, String> headers) {
    if (!Traces.on()) return Span.getInvalid();
    return Traces.tracer()
        .spanBuilder("acta.consume " + subscription.name())
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(Traces.continuing(headers.get(Traces.TRACEPARENT)))
        .setAttribute("acta.subscription", subscription.name())
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.kafka.offset", record.offset())
        .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
        .startSpan();
  }

  private CompletableFuture<Void> send(
      ConsumerRecord<String, byte[]> record, Send<?> send, ReplyType<?> command, int attempt) {
    CompletableFuture<?> reply;
    try {
      reply = node.entity(send.type().name(), send.entityId()).ask(command).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return reply
        .handle(
            (answer, error) -> {
              Throwable cause = unwrap(error);
              if (cause == null) return CompletableFuture.<Void>completedFuture(null);
              if (cause instanceof CommandRejectedException r)
                return park(
                    record,
                    send.type().name()
                        + " "
                        + send.entityId()
                        + " rejected the command: "
                        + r.rejection().reason());
              if (attempt < limits.commandRetries() && passing(cause)) {
                long pause = limits.commandRetryDelay().toMillis() << attempt;
                return CompletableFuture.supplyAsync(
                        () -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS))
                    .thenCompose(d -> send(record, send, command, attempt + 1));
              }
              log.error(
                  "Subscription '{}': {} {} failed on the message at {}/{}/{}: {}. The"
                      + " subscription starts again from its last commit.",
                  subscription.name(),
                  send.type().name(),
                  send.entityId(),
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  cause.toString());
              return CompletableFuture.<Void>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  /** Whether a failure may pass if the command is sent again. */
  private static boolean passing(Throwable cause) {
    return cause instanceof EntityUnavailableException || cause instanceof CommandTimeoutException;
  }

  /**
   * Parks {@code record} on the dead-letter topic (its key, value and headers, with why and where
   * from) and completes once the broker has it: only then is its offset committed.
   */
  private CompletableFuture<Void> park(ConsumerRecord<String, byte[]> record, String reason) {
    String source = record.topic() + "/" + record.partition() + "/" + record.offset();
    log.warn(
        "Subscription '{}' parks the message at {} on {}: {}",
        subscription.name(),
        source,
        deadLetterTopic,
        reason);
    var headers = new RecordHeaders(record.headers().toArray());
    headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    headers.add(SUBSCRIPTION_HEADER, subscription.name().getBytes(StandardCharsets.UTF_8));
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      deadLetters.send(
          new ProducerRecord<>(
              deadLetterTopic, null, record.timestamp(), record.key(), record.value(), headers),
          (metadata, error) -> {
            if (error == null) {
              parked.increment();
              sent.complete(null);
            } else {
              sent.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  private static Map<String, String> headersOf(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      if (h.value() != null) headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return Map.copyOf(headers);
  }

  private static String messageOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String text = root.getMessage() != null ? root.getMessage() : e.getMessage();
    // The first line: parsers append where in their input they were, over several lines.
    return text != null ? text.lines().findFirst().orElse(text) : "no detail";
  }

  private static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null)
      error = error.getCause();
    return error;
  }

  /**
   * The largest lag of this consumer's partitions, from the client's own metric, as of the previous
   * scrape: the metrics come from the consumer's actor asynchronously, and a gauge must not block.
   */
  private double lag() {
    Consumer.Control c = control.get();
    if (c == null) return lastLag;
    c.getMetrics()
        .thenAccept(
            metrics ->
                lastLag =
                    metrics.entrySet().stream()
                        .filter(e -> e.getKey().name().equals("records-lag-max"))
                        .map(e -> e.getValue().metricValue())
                        .filter(v -> v instanceof Number)
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(0));
    return lastLag;
  }

  /**
   * Stops reading: the consumer stops fetching, the batch in hand is finished and committed, then
   * the consumer leaves its group (so its partitions move to another node at once) and closes; at
   * most {@code timeout} for each step. What is not committed by then is read again elsewhere, and
   * applied once there by its idempotency keys.
   */
  void stop(Duration timeout) {
    if (killSwitch == null || stopped) return;
    stopped = true;
    Consumer.Control c = control.get();
    try {
      if (c != null) c.stop().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      else killSwitch.shutdown();
      done.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.info(
          "Subscription '{}' did not drain within {}: stopping it", subscription.name(), timeout);
      killSwitch.shutdown();
    }
    try {
      if (c != null)
        c.shutdown().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.info("Subscription '{}' did not close within {}", subscription.name(), timeout);
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
