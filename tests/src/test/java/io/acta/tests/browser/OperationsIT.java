package io.acta.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.acta.api.entity.EntityType;
import io.acta.api.view.ProjectionStatus;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.Alerts;
import io.acta.examples.ledger.LedgerReactions;
import io.acta.examples.ledger.LedgerService;
import io.acta.examples.ledger.LedgerViews;
import io.acta.examples.ledger.Money;
import io.acta.examples.ledger.Transfer;
import io.acta.examples.ledger.TransferCommand;
import io.acta.examples.ledger.TransferEvent;
import io.acta.examples.ledger.TransferState;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.Projections;
import io.acta.tests.cassandra.CassandraNodes;
import io.acta.tests.cassandra.PoisonableBalances;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a running node that requires bearer tokens. The operations console in a
 * real browser (headless Chromium): the page asks for a token and then shows the members, the
 * shards and every view's lag; a live tail shows an event as it is persisted; a poison event
 * appears as stuck and is skipped through the page (after its confirmation); a rebuild started from
 * the page shows its progress and its end. Screenshots of each state go to {@code
 * target/console-screenshots} (those in {@code docs/} come from this test). And {@code /metrics} as
 * Prometheus' linter reads it.
 */
class OperationsIT {
  private static final Duration SHOWN = Duration.ofSeconds(60);
  private static final int ACCOUNTS = 100;
  private static final int DEPOSITS_EACH = 9;

  /** Accounts seeded at once: enough to be quick, few enough for a busy machine's asks. */
  private static final int SEEDED_AT_ONCE = 10;

  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final long APPROVAL_THRESHOLD = 500;

  /** Transfers of more than 5.00 wait an hour for a teller's approval: a durable timer. */
  private static final EntityType<TransferCommand<?>, TransferEvent, TransferState> TRANSFERS =
      Transfer.type(APPROVAL_THRESHOLD, Duration.ofHours(1), Clock.systemUTC());

  @TempDir static Path dir;
  private static ActaNode node;
  private static Chromium browser;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() throws IOException {
    Path tokenFile = dir.resolve("dev-token");
    node =
        CassandraNodes.ledger(
            "console-it",
            "console_it",
            List.of(
                LedgerService.httpApi().port(0).build(),
                Projections.of(LedgerViews.BALANCES, PoisonableBalances.TYPE)
                    .withReactions(LedgerReactions.LARGE_WITHDRAWALS)),
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                // Lag measured every second, and views folding one event at a time, so that a
                // rebuild of a thousand events lasts long enough for the page to show it under way.
                + "acta.projections.status-interval = 1s\n"
                + "acta.projections.view-group.max-events = 1\n"
                + "acta.http.authentication { enabled = on, issuer = console-it, audience ="
                + " ledger, dev-token-file = \""
                + tokenFile
                + "\" }",
            List.of(TRANSFERS, Alerts.TYPE));
    base = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
    token = Files.readString(tokenFile).trim();
    browser = Chromium.start(Files.createDirectories(dir.resolve("profile")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  @Test
  void anOperatorSeesTheClusterSkipsAPoisonEventAndRebuildsAView() throws Exception {
    List<String> accounts = depositEverywhere();

    Chromium.Page page = browser.open(base + "/admin");
    page.viewport(1280, 1000);
    page.await("document.getElementById('status').textContent", "operator role", SHOWN);
    assertThat(page.evaluate("String(document.getElementById('login').hidden)"))
        .as("the page asks for a token when the API answers 401")
        .isEqualTo("false");
    page.evaluate(
        "document.getElementById('token').value = '"
            + token
            + "'; document.querySelector('#login button').click(); 'sent'");

    String members = page.await(text("#members"), "Up", SHOWN);
    assertThat(members).contains("pekko://console-it@").contains("yes");
    page.await(text("#shards"), "entities", SHOWN);
    String balances = page.await(row("view:balances"), "caught up", SHOWN);
    assertThat(balances).contains("balances").contains("account/0: 0");
    screenshot(page, "console-overview.png");

    // A large transfer waits for approval: in flight, its timer due in an hour.
    node.entity(TRANSFERS, "t-console")
        .ask(
            new TransferCommand.Start(
                accounts.get(1), accounts.get(2), Money.of(APPROVAL_THRESHOLD + 100, "EUR"), "t-1"))
        .toCompletableFuture()
        .join();
    String inFlight = page.await(text("#in-flight"), "wait until", SHOWN);
    assertThat(inFlight).contains("transfer|t-console");

    // The live tail follows the account type; the poison deposit below shows up in it.
    page.evaluate(
        "document.getElementById('tail-types').value = 'account';"
            + " document.getElementById('tail-start').click(); 'following'");
    page.await(text("#tail-state"), "following account", SHOWN);

    // A poison event: the second view stops on it, and the page offers to skip it.
    String poisoned = accounts.get(7);
    node.entity(Account.TYPE, poisoned)
        .ask(new AccountCommand.Deposit(Money.of(PoisonableBalances.POISON, "EUR"), "poison-1"))
        .toCompletableFuture()
        .join();
    String tailed = page.await(text("#tail"), "account|" + poisoned, SHOWN);
    assertThat(tailed).contains("account.deposited").contains("666");
    String stuck = page.await(text("#failures"), "account|" + poisoned, SHOWN);
    assertThat(stuck).contains("cannot fold 666").doesNotContain("Exception");
    page.await(row("view:poisonable"), "stuck", SHOWN);
    screenshot(page, "console-stuck-event.png");

    page.evaluate("document.querySelector('[data-skip]').click(); 'clicked'");
    page.await("String(document.getElementById('confirm').open)", "true", SHOWN);
    assertThat(page.evaluate(text("#confirm-text"))).contains("account|" + poisoned);
    page.evaluate("document.getElementById('confirm-yes').click(); 'confirmed'");
    page.await(text("#action"), "skipped account|" + poisoned, SHOWN);
    page.await(text("#failures"), "none", SHOWN);
    page.await(row("view:poisonable"), "caught up", SHOWN);
    long stillStuck =
        node.extension(Projections.class).operations().status().stream()
            .filter(s -> s.failure() != null)
            .count();
    assertThat(stillStuck).as("projections still failing after the skip").isZero();

    // A rebuild from the page: it shows progress while under way, then how it ended.
    page.evaluate("document.querySelector('[data-rebuild-button=\"balances\"]').click(); 'ok'");
    page.evaluate("document.getElementById('confirm-yes').click(); 'confirmed'");
    page.await(text("#action"), "rebuild of balances started", SHOWN);
    // Under way: the share done, the counts, an ETA once some is done. (How far it has come when
    // the page looks depends on the machine: the rebuild measures itself against the journal.)
    page.awaitMatch(
        row("view:balances"),
        Pattern.compile("rebuilding v\\d+\\s+\\d+ % \\(\\d+ of \\d+ events\\), ETA"),
        SHOWN);
    screenshot(page, "console-rebuild.png");
    String done = page.await(row("view:balances"), "rebuilt v", SHOWN);
    Matcher folded = Pattern.compile("rebuilt v\\d+: (\\d+) events in").matcher(done);
    assertThat(folded.find()).as("the rebuild's result in: %s", done).isTrue();
    assertThat(Long.parseLong(folded.group(1)))
        .as("events the rebuild folded")
        .isGreaterThanOrEqualTo(ACCOUNTS * (DEPOSITS_EACH + 1) + 1);
    List<ProjectionStatus> after = node.extension(Projections.class).operations().status();
    assertThat(after)
        .filteredOn(s -> s.view().equals("balances"))
        .allSatisfy(s -> assertThat(s.version()).isGreaterThan(1));
  }

  @Test
  void theConsoleApiNeedsTheOperatorRole() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/cluster")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the page itself holds no data").isEqualTo(200);
    assertThat(page.body()).contains("Acta console");
    HttpResponse<String> formPost =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/views/balances/rebuild"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(formPost.statusCode()).as("a form post cannot start a rebuild").isEqualTo(415);
    HttpResponse<String> unknownType =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/events?type=nope"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknownType.statusCode()).isEqualTo(400);
    assertThat(unknownType.body()).contains("unknown entity type 'nope'");
  }

  /**
   * {@code /metrics} as Prometheus itself reads it: {@code promtool check metrics} (Debian's
   * prometheus package, installed by the test command when missing) finds no problem in what this
   * node exposes, Acta's meters (commands, views, a reaction, a process type) and the JVM's alike.
   */
  @Test
  void prometheusFindsNoProblemInTheMetrics() throws Exception {
    String metrics = scrape();
    long deadline = System.nanoTime() + SHOWN.toNanos();
    // Lag gauges appear with the first measurement of the views and reactions.
    while (!metrics.contains("acta_reaction_events_behind") && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      metrics = scrape();
    }
    assertThat(metrics)
        .contains("acta_commands_seconds")
        .contains("acta_projection_events_behind")
        .contains("acta_reaction_events_behind")
        .contains("acta_processes_stuck")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_seconds_total");

    Process p =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(metrics.getBytes(StandardCharsets.UTF_8));
    }
    String problems = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool ends").isTrue();
    assertThat(problems).as("promtool check metrics").isEmpty();
    assertThat(p.exitValue()).isZero();
  }

  private static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  /** Opens the accounts and deposits into each, so that a rebuild has something to fold. */
  private static List<String> depositEverywhere() {
    List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "console-" + i).toList();
    for (int from = 0; from < ACCOUNTS; from += SEEDED_AT_ONCE) {
      List<CompletableFuture<?>> batch = new ArrayList<>();
      for (String a : accounts.subList(from, Math.min(ACCOUNTS, from + SEEDED_AT_ONCE)))
        batch.add(CompletableFuture.runAsync(() -> seed(a)));
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
    }
    return accounts;
  }

  private static void seed(String account) {
    var ref = node.entity(Account.TYPE, account);
    ref.ask(new AccountCommand.Open("ada", "EUR")).toCompletableFuture().join();
    for (int i = 0; i < DEPOSITS_EACH; i++)
      ref.ask(new AccountCommand.Deposit(Money.of(100, "EUR"), account + "-" + i))
          .toCompletableFuture()
          .join();
  }

  private static void screenshot(Chromium.Page page, String name) throws IOException {
    page.screenshot(SCREENSHOTS.resolve(name));
  }

  private static String text(String selector) {
    return "document.querySelector('" + selector + "').innerText";
  }

  private static String row(String projection) {
    return "(document.querySelector('[data-projection=\""
        + projection
        + "\"]') || {innerText: ''}).innerText";
  }
}
