package io.acta.bench.scenario;

import io.acta.bench.acta.BenchNodes;
import io.acta.bench.cassandra.BenchCassandra;
import io.acta.bench.http.SseFanOutClient;
import io.acta.bench.load.CpuWindow;
import io.acta.bench.report.Measurement;
import io.acta.bench.report.Ratio;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.AccountCommand.Deposit;
import io.acta.examples.ledger.AccountCommand.Open;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.EntityRef;
import io.acta.runtime.Projections;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Live updates fanned out to many subscribers: one node on Cassandra with the balances view and the
 * HTTP API, and {@code subscribers} updates streams ({@code GET /views/balances/{key}/updates})
 * held by {@link SseFanOutClient} in a JVM of its own, spread over {@value #KEYS} rows. Measured:
 * the CPU the node's JVM and the Cassandra server use while nothing changes, with the streams open
 * against the same node with none open (the reference, same run, same window); and, for deposits to
 * rows that subscribers follow, the time from each deposit's acknowledgment to each subscriber's
 * event.
 */
final class LiveUpdatesScenario implements Scenario {
  static final String IDLE_WITH = "Acta idle with the update streams open";
  static final String IDLE_WITHOUT = "Acta idle with no update stream";
  static final String FAN_OUT = "Acta live update, acknowledgment to each subscriber";

  /** The rows the streams follow, each by subscribers ÷ KEYS of them. */
  static final int KEYS = 100;

  /** The deposits of each fan-out round, to rows 0, 10, 20, ... */
  static final int CHANGES_PER_ROUND = 10;

  static final int ROUNDS = 5;

  @Override
  public String id() {
    return "live-updates";
  }

  @Override
  public String title() {
    return "Live updates pushed to many SSE subscribers of one node: idle cost and fan-out latency";
  }

  @Override
  public List<String> issueScenarios() {
    return List.of("—");
  }

  @Override
  public boolean needsCassandra() {
    return true;
  }

  @Override
  public Findings run(BenchContext context) throws Exception {
    var progress = context.progress();
    BenchCassandra cassandra = context.cassandra();
    int subscribers = context.options().subscribers();
    int perKey = Math.max(1, subscribers / KEYS);
    boolean quick = context.options().mode().equals("quick");
    // A minute: one resync of the watched rows (acta.projections.updates-resync-interval) and two
    // heartbeats per stream fall in every window, not in every other one.
    Duration idleWindow = quick ? seconds(5) : seconds(60);
    // A minute: the JIT still compiles what opening 10,000 streams ran for some 30 s after.
    Duration settle = quick ? seconds(5) : seconds(60);
    OptionalLong cassandraPid = OptionalLong.of(cassandra.server().pid());
    Findings findings = new Findings();

    progress.step("starting an Acta node on Cassandra with the balances view and the HTTP API");
    // Health checks (Pekko Management) are off: they would bind a second, non-loopback port.
    try (ActaNode node =
        BenchNodes.cassandra(
            cassandra.server().contactPoint(),
            cassandra.server().localDatacenter(),
            "acta.http.management = off",
            Projections.of(LedgerViews.BALANCES),
            HttpApi.builder().host("127.0.0.1").port(0).build())) {
      String url = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
      List<EntityRef<AccountCommand<?>>> accounts = new ArrayList<>();
      List<CompletableFuture<?>> inView = new ArrayList<>();
      var views = node.extension(Projections.class).queries();
      for (int k = 0; k < KEYS; k++) {
        String key = "live-" + k;
        EntityRef<AccountCommand<?>> ref = node.entity(Account.TYPE, key);
        accounts.add(ref);
        // Read-your-writes: done once the view holds the opened row.
        inView.add(
            ref.askWithPosition(new Open("owner-" + k, "EUR"))
                .thenCompose(
                    ack ->
                        views.get(LedgerViews.BALANCES, key, ack.position(), Duration.ofMinutes(1)))
                .toCompletableFuture());
      }
      CompletableFuture.allOf(inView.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
      progress.detail(KEYS + " accounts opened, their rows in the view");

      progress.step("idle with no update stream, " + idleWindow.toSeconds() + " s");
      steady(settle);
      Idle without = idle(idleWindow, cassandraPid);

      progress.step(
          String.format(
              Locale.ROOT,
              "opening %,d update streams (%d rows × %d) from a client JVM of its own",
              KEYS * perKey,
              KEYS,
              perKey));
      Process client = startClient(url, perKey);
      try (BufferedReader fromClient =
              new BufferedReader(
                  new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
          PrintStream toClient =
              new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
        long opening = System.nanoTime();
        String first = fromClient.readLine();
        if (first == null || !first.startsWith("OPEN "))
          throw new IllegalStateException("the subscribers' client said: " + first);
        progress.detail(
            String.format(
                Locale.ROOT,
                "%s streams open, each with its row, in %.1f s",
                first.substring(5),
                (System.nanoTime() - opening) / 1e9));
        steady(settle);
        progress.step("idle with the streams open, " + idleWindow.toSeconds() + " s");
        Idle with = idle(idleWindow, cassandraPid);

        progress.step(
            ROUNDS
                + " rounds of "
                + CHANGES_PER_ROUND
                + " deposits to followed rows, each event's arrival timed");
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long expected = 0;
        long received = 0;
        for (int round = 1; round <= ROUNDS; round++) {
          Map<String, Long> acknowledged = new HashMap<>();
          for (int c = 0; c < CHANGES_PER_ROUND; c++) {
            int k = c * (KEYS / CHANGES_PER_ROUND);
            accounts.get(k).ask(new Deposit(Money.of(1, "EUR"), null)).toCompletableFuture().join();
            acknowledged.put("live-" + k, nowMicros());
            expected += perKey;
          }
          // Until every subscriber's event of this round has come, or a deadline far past any
          // delivery seen: an event that never comes is counted missing, not waited for.
          toClient.println("AWAIT " + (expected - received) + " 10000");
          for (String line = fromClient.readLine();
              line != null && !line.equals("END");
              line = fromClient.readLine()) {
            String[] f = line.split(" ");
            Long ack = acknowledged.get(f[1]);
            if (ack == null) continue; // a change of a row not deposited to: none expected
            received++;
            latency.recordValue(Math.max(0, Long.parseLong(f[3]) - ack));
          }
          progress.detail(
              String.format(
                  Locale.ROOT,
                  "round %d: %,d of %,d events so far, p99 %.1f ms",
                  round,
                  received,
                  expected,
                  latency.getValueAtPercentile(99) / 1e3));
        }
        toClient.println("QUIT");

        findings.add(with.measurement(IDLE_WITH, KEYS * perKey, idleWindow));
        findings.add(without.measurement(IDLE_WITHOUT, 0, idleWindow));
        findings.add(
            new Ratio(
                "idle CPU, node JVM and Cassandra, with "
                    + String.format(Locale.ROOT, "%,d", KEYS * perKey)
                    + " update streams ÷ with none",
                with.cores() / without.cores(),
                List.of(),
                "1: the open streams cost nothing while idle"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("p50 ms", round1(latency.getValueAtPercentile(50) / 1e3));
        details.put("p99 ms", round1(latency.getValueAtPercentile(99) / 1e3));
        details.put("max ms", round1(latency.getMaxValue() / 1e3));
        details.put("events expected", expected);
        details.put("events received", received);
        findings.add(
            new Measurement(
                FAN_OUT, "p99 latency", latency.getValueAtPercentile(99) / 1e3, "ms", details));
        findings.note(
            String.format(
                Locale.ROOT,
                "Idle CPU: the node's JVM (this bench JVM, which hosts it) and the Cassandra"
                    + " server, over %d s with nothing written, first with no update stream, then"
                    + " with %,d open (%d rows, %d streams each) held by a client JVM of its own;"
                    + " %.2f %% of a core more with them (node %+.2f %%, Cassandra %+.2f %%). Each"
                    + " stream sends a heartbeat every 30 s by default"
                    + " (acta.http.updates-heartbeat-interval), and once a minute"
                    + " (acta.projections.updates-resync-interval) the node asks for the versions"
                    + " of the rows followed, a hundred per request, and reads again those that"
                    + " changed.",
                idleWindow.toSeconds(),
                KEYS * perKey,
                KEYS,
                perKey,
                (with.cores() - without.cores()) * 100,
                (with.nodeCores() - without.nodeCores()) * 100,
                (with.cassandraCores() - without.cassandraCores()) * 100));
        findings.note(
            "Fan-out: each deposit is sent in-process and acknowledged; the latency of each"
                + " subscriber's event is its arrival in the client JVM less the acknowledgment,"
                + " both read from the machine's wall clock in microseconds. It includes the view's"
                + " events-by-tag delay (acta.persistence.cassandra.events-by-tag"
                + ".eventual-consistency-delay) and group window before the row is folded.");
      } finally {
        client.destroy();
        client.waitFor(10, TimeUnit.SECONDS);
      }
    }
    return findings;
  }

  /** The CPU the node's JVM and the Cassandra server used over a window, in cores. */
  private record Idle(double nodeCores, double cassandraCores) {
    double cores() {
      return nodeCores + cassandraCores;
    }

    Measurement measurement(String subject, int streams, Duration window) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("node JVM (cores)", round3(nodeCores));
      details.put("Cassandra (cores)", round3(cassandraCores));
      details.put("update streams", streams);
      details.put("window (s)", window.toSeconds());
      return new Measurement(subject, "idle CPU", round3(cores()), "cores", details);
    }
  }

  /**
   * Idle is the steady state: the garbage of what came before (opening accounts, 10,000
   * connections) is collected first, the same way before both windows, then the node settles.
   */
  private static void steady(Duration settle) throws InterruptedException {
    System.gc();
    Thread.sleep(settle.toMillis());
  }

  private static Idle idle(Duration window, OptionalLong cassandraPid) throws InterruptedException {
    CpuWindow cpuWindow = CpuWindow.start(cassandraPid);
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis());
    double elapsed = System.nanoTime() - t0;
    CpuWindow.Used cpu = cpuWindow.stop();
    return new Idle(cpu.here() / elapsed, cpu.other() / elapsed);
  }

  /** The subscribers' JVM: this JVM's java and class path, a heap of its own. */
  private static Process startClient(String url, int perKey) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx2g",
            "-cp",
            System.getProperty("java.class.path"),
            SseFanOutClient.class.getName(),
            url,
            LedgerViews.BALANCES.name(),
            "live-",
            Integer.toString(KEYS),
            Integer.toString(perKey));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
