package io.acta.tests.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.acta.api.entity.ActaException;
import io.acta.embedded.cassandra.EmbeddedCassandra;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Get;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.Money;
import io.acta.runtime.ActaNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a node does when Cassandra is missing, goes away, or the node itself is killed. */
class CassandraFaultsIT {

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static ActaNode node(String name, String contactPoint) {
    return ActaNode.builder(name)
        .entity(Account.TYPE)
        .store("cassandra")
        .config(
            "acta.persistence.cassandra { contact-points = [\""
                + contactPoint
                + "\"], create-schema = on }")
        .config("acta.entity-types.account.ask-timeout = 3s")
        .start();
  }

  @Test
  void aNodeFailsFastWithAClearMessageWhenCassandraIsUnreachable() throws IOException {
    int port = freePort(); // nothing listens there
    long started = System.nanoTime();

    assertThatThrownBy(() -> node("unreachable", "127.0.0.1:" + port))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot reach Cassandra at [127.0.0.1:" + port + "]")
        .hasMessageContaining("acta.persistence.cassandra.contact-points");
    System.out.printf(
        "unreachable Cassandra reported after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @Test
  void commandsFailWithinTheirTimeoutWhileCassandraIsDownAndSucceedOnceItIsBack()
      throws IOException {
    Path dir = Path.of("target", "cassandra-outage").toAbsolutePath();
    SharedCassandra.deleteRecursively(dir);
    try (EmbeddedCassandra cassandra =
            EmbeddedCassandra.builder()
                .dataDirectory(dir)
                .nativePort(freePort())
                .storagePort(freePort())
                .start();
        ActaNode node = node("outage", "127.0.0.1:" + cassandra.nativePort())) {
      var account = node.entity(Account.TYPE, "outage-1");
      account.ask(new Open("ada", "EUR")).toCompletableFuture().join();
      account.ask(new Deposit(Money.of(100, "EUR"), "before")).toCompletableFuture().join();

      cassandra.stop();
      long failedAfter = System.nanoTime();
      assertThatThrownBy(
              () ->
                  account
                      .ask(new Deposit(Money.of(10, "EUR"), "during"))
                      .toCompletableFuture()
                      .join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(ActaException.class);
      System.out.printf(
          "command failed %d ms into the outage%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAfter));

      cassandra.start();
      long back = System.nanoTime();
      Money balance =
          retryUntilAccepted(
              () ->
                  account
                      .ask(new Deposit(Money.of(10, "EUR"), "during"))
                      .toCompletableFuture()
                      .join(),
              Duration.ofSeconds(120));
      System.out.printf(
          "commands accepted again %d ms after Cassandra was back%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back));

      assertThat(balance).isEqualTo(Money.of(110, "EUR"));
      assertThat(account.ask(new Get()).toCompletableFuture().join().balance())
          .isEqualTo(Money.of(110, "EUR"));
    }
  }

  private static <T> T retryUntilAccepted(Supplier<T> attempt, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        return attempt.get();
      } catch (CompletionException e) {
        if (System.nanoTime() > deadline) throw e;
        // each attempt already waited up to its ask timeout: no extra pause needed
      }
    }
  }

  @Test
  void aNodeKilledWithSigkillLosesNoAcknowledgedDeposit() throws Exception {
    String contactPoint = "127.0.0.1:" + SharedCassandra.get().nativePort();
    int accounts = 5;
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LedgerNodeMain.class.getName(),
                contactPoint,
                String.valueOf(accounts))
            .redirectError(Path.of("target", "ledger-node-kill.log").toFile())
            .start();
    int[] acked = new int[accounts];
    int total = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (total < 60 && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked[Integer.parseInt(line.split(" ")[1])]++;
          total++;
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(total)
        .as("acknowledged deposits before the kill (see target/ledger-node-kill.log)")
        .isEqualTo(60);

    try (ActaNode node = node("ledger-after-kill", contactPoint);
        CqlSession cql = SharedCassandra.session()) {
      List<String> report = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        long balance =
            node.entity(Account.TYPE, "kill-" + i)
                .ask(new Get())
                .toCompletableFuture()
                .join()
                .balance()
                .minorUnits();
        long stored =
            cql
                .execute(
                    SimpleStatement.newInstance(
                        "SELECT ser_manifest FROM acta.messages WHERE persistence_id = ? AND"
                            + " partition_nr = 0",
                        "account|kill-" + i))
                .all()
                .stream()
                .filter(r -> r.getString("ser_manifest").startsWith("account.deposited"))
                .count();
        report.add(
            "kill-" + i + ": acked " + acked[i] + ", recovered " + balance + ", stored " + stored);
        // Every acknowledged deposit is there; at most the one in flight at the kill may be too.
        assertThat(balance).isBetween((long) acked[i], acked[i] + 1L);
        assertThat(balance).as("recovered state equals the journal").isEqualTo(stored);
      }
      System.out.println(String.join("\n", report));
    }
  }
}
