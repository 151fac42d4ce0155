package io.acta.bench.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.acta.bench.load.CommandTarget;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The floor under every event-sourced write on Cassandra: the raw driver inserting one row of the
 * same payload size per "command" into a simple {@code (pid, seq) -> payload} table,
 * asynchronously, with a prepared statement. Nothing is read, no state is kept, nothing is tagged
 * or snapshotted.
 */
public final class RawDriverTarget implements CommandTarget {
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final CqlSession session;
  private final ByteBuffer payload;
  private PreparedStatement insert;
  private AtomicLongArray sequenceNrs;

  /** Inserts rows whose payload has {@code payloadBytes} bytes, as the journal's events have. */
  public RawDriverTarget(String name, CqlSession session, int payloadBytes) {
    this.name = name;
    this.session = session;
    byte[] bytes = new byte[payloadBytes];
    Arrays.fill(bytes, (byte) 'x');
    this.payload = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(int accounts) {
    session.execute(
        SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS bench_raw WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': 1}")
            .setTimeout(DDL_TIMEOUT));
    session.execute(
        SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS bench_raw.events "
                    + "(pid text, seq bigint, payload blob, PRIMARY KEY (pid, seq))")
            .setTimeout(DDL_TIMEOUT));
    insert = session.prepare("INSERT INTO bench_raw.events (pid, seq, payload) VALUES (?, ?, ?)");
    sequenceNrs = new AtomicLongArray(accounts);
  }

  @Override
  public CompletionStage<?> send(int account) {
    return session.executeAsync(
        insert.bind("raw-" + account, sequenceNrs.incrementAndGet(account), payload.duplicate()));
  }

  @Override
  public void close() {
    session.close();
  }
}
