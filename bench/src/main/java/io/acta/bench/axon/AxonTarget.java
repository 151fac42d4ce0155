package io.acta.bench.axon;

import io.acta.bench.axon.AxonMessages.DepositMoney;
import io.acta.bench.axon.AxonMessages.OpenAccount;
import io.acta.bench.load.Batches;
import io.acta.bench.load.CommandTarget;
import io.acta.examples.ledger.Money;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The account domain on Axon Framework 4 with its in-memory event store, in this JVM.
 *
 * <p>Configured as a performance-minded Axon user would: an {@link AsynchronousCommandBus} (so that
 * 64 commands can be outstanding, as against Acta) on as many threads as Pekko's default dispatcher
 * has on this machine, an aggregate cache that keeps every account (see {@link StrongCache}), and
 * Jackson instead of XStream. No snapshots: with a cache, Axon never replays an aggregate after its
 * first load, and its in-memory engine would scan all events per snapshot.
 */
public final class AxonTarget implements CommandTarget {
  private final String name;
  private final ExecutorService executor;
  private final Configuration axon;
  private final CommandGateway gateway;

  /** Starts Axon with command handling on {@code threads} threads. */
  public AxonTarget(String name, int threads) {
    this.name = name;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "axon-command-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.axon =
        DefaultConfigurer.defaultConfiguration()
            .configureSerializer(c -> JacksonSerializer.defaultSerializer())
            .configureEventSerializer(c -> JacksonSerializer.defaultSerializer())
            .configureMessageSerializer(c -> JacksonSerializer.defaultSerializer())
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureCommandBus(
                c ->
                    AsynchronousCommandBus.builder()
                        .executor(executor)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .build())
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(AxonAccount.class)
                    .configureCache(c -> new StrongCache()))
            .buildConfiguration();
    axon.start();
    this.gateway = axon.commandGateway();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int count) throws InterruptedException {
    Batches.run(count, 256, i -> gateway.send(new OpenAccount(id(i), "owner-" + i, "EUR")));
  }

  @Override
  public CompletionStage<?> send(int account) {
    return gateway.send(new DepositMoney(id(account), Money.of(1, "EUR")));
  }

  private static String id(int account) {
    return "axon-" + account;
  }

  @Override
  public void close() {
    axon.shutdown();
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
