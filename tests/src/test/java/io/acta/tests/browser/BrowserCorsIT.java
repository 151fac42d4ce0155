package io.acta.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.acta.examples.ledger.Account;
import io.acta.examples.ledger.AccountCommand;
import io.acta.examples.ledger.LedgerService;
import io.acta.examples.ledger.LedgerViews;
import io.acta.http.HttpApi;
import io.acta.runtime.ActaNode;
import io.acta.runtime.JournalEvent;
import io.acta.runtime.Projections;
import io.acta.tests.cassandra.CassandraNodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (headless Chromium) on a page of another origin than the API: from an allowed
 * origin the page follows an account's balance through EventSource and deposits with fetch, and
 * sees the deposit arrive live; from another origin both are refused and nothing is written. The
 * node requires bearer tokens (its development token) and allows one origin (acta.http.cors).
 */
class BrowserCorsIT {
  private static final Duration LIVE = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static HttpServer allowedSite;
  private static HttpServer otherSite;
  private static ActaNode node;
  private static Chromium browser;
  private static String api;
  private static String token;

  @BeforeAll
  static void start() throws IOException {
    byte[] page;
    try (InputStream in = BrowserCorsIT.class.getResourceAsStream("/browser/live-balance.html")) {
      page = in.readAllBytes();
    }
    allowedSite = site(page);
    otherSite = site(page);
    Path tokenFile = dir.resolve("dev-token");
    node =
        CassandraNodes.ledger(
            "browser-it",
            "browser_it",
            List.of(LedgerService.httpApi().port(0).build(), Projections.of(LedgerViews.BALANCES)),
            "pekko.management.http { hostname = \"127.0.0.1\", port = 0 }\n"
                + "acta.http.authentication { enabled = on, issuer = browser-it, audience ="
                + " ledger, dev-token-file = \""
                + tokenFile
                + "\" }\n"
                + "acta.http.cors.allowed-origins = [\""
                + origin(allowedSite)
                + "\"]",
            List.of());
    api = "http://127.0.0.1:" + node.extension(HttpApi.class).boundAddress().getPort();
    token = Files.readString(tokenFile).trim();
    browser = Chromium.start(Files.createDirectories(dir.resolve("profile")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
    if (allowedSite != null) allowedSite.stop(0);
    if (otherSite != null) otherSite.stop(0);
  }

  private static HttpServer site(byte[] page) throws IOException {
    HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext(
        "/live-balance.html",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    site.start();
    return site;
  }

  private static String origin(HttpServer site) {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  private static String opened() {
    String account = "web-" + UUID.randomUUID();
    node.entity(Account.TYPE, account)
        .ask(new AccountCommand.Open("ada", "EUR"))
        .toCompletableFuture()
        .join();
    return account;
  }

  private static Chromium.Page visit(HttpServer site, String account) throws Exception {
    return browser.open(
        origin(site)
            + "/live-balance.html?api="
            + URLEncoder.encode(api, StandardCharsets.UTF_8)
            + "&token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&account="
            + account);
  }

  private static final String LOG = "document.getElementById('log').textContent";

  @Test
  void aPageOnTheAllowedOriginSeesItsDepositArriveLive() throws Exception {
    String account = opened();
    String log = visit(allowedSite, account).await(LOG, "live update received", LIVE);
    assertThat(log).contains("updates open").contains("deposit 200 at account|" + account + "|");
  }

  @Test
  void aPageOnAnotherOriginIsRefusedAndWritesNothing() throws Exception {
    String account = opened();
    String log = visit(otherSite, account).await(LOG, "deposit refused", LIVE);
    assertThat(log).contains("updates refused").doesNotContain("row ");
    List<JournalEvent> journal =
        node.events("account", account, 1, 100).toCompletableFuture().join();
    assertThat(journal).extracting(JournalEvent::typeName).containsExactly("account.opened");
  }
}
