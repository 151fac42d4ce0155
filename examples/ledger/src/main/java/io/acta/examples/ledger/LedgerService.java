package io.acta.examples.ledger;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.acta.api.security.Access;
import io.acta.http.HttpApi;
import io.acta.kafka.Kafka;
import io.acta.runtime.ActaNode;
import io.acta.runtime.NodeRole;
import io.acta.runtime.Projections;
import io.acta.tracing.Tracing;
import java.time.Clock;

/**
 * The ledger as a service: accounts, their views, and HTTP, in dev mode (see {@code ledger.conf}).
 * Ctrl-C stops the node and its embedded Cassandra; the next run finds the data again.
 */
public final class LedgerService {
  private LedgerService() {}

  /**
   * The ledger's HTTP API: its own URLs beside the generic ones, and who may do what when
   * authentication is on (acta.http.authentication): customers with the {@code ledger.write} scope
   * send commands, and move money only out of their own accounts (the account decides, see {@link
   * Account}); {@code ledger.read} reads accounts and their rows of the balances view, a customer
   * her own; customers start transfers out of their own accounts; tellers approve them and read the
   * rest.
   */
  public static HttpApi.Builder httpApi() {
    Access read = Access.scope("ledger.read");
    Access write = Access.scope("ledger.write");
    Access teller = Access.role(Ledger.TELLER);
    return HttpApi.builder()
        // The ledger's own URLs, beside the generic /api and /views ones.
        .command("/accounts/{id}/deposits", Account.TYPE, AccountCommand.Deposit.class)
        .command("/accounts/{id}/withdrawals", Account.TYPE, AccountCommand.Withdraw.class)
        .view("/accounts/{id}/balance", LedgerViews.BALANCES)
        .allow(Account.TYPE, write)
        .allowReads(Account.TYPE, read)
        // A customer starts transfers (the source account checks she owns it, on her behalf);
        // tellers approve them and read them.
        .allow(Transfer.TYPE, teller)
        .allow(Transfer.TYPE, TransferCommand.Start.class, write)
        .allow(Alerts.TYPE, Access.nobody())
        .allowReads(Alerts.TYPE, teller)
        .allow(LedgerViews.BALANCES, read)
        .allowRows(LedgerViews.BALANCES, (caller, row) -> Ledger.mayActFor(caller, row.owner()))
        // A history row does not name its owner: tellers only.
        .allow(LedgerViews.HISTORY, teller)
        .allow(LedgerViews.TOTALS, teller)
        .allow(LedgerViews.TRANSFERS, teller);
  }

  public static void main(String[] args) {
    Config config = ConfigFactory.parseResources("ledger.conf");
    // The service's own settings, overridable with -D like the runtime's.
    Config transfers =
        ConfigFactory.systemProperties()
            .withFallback(config)
            .resolve()
            .getConfig("ledger.transfers");
    ActaNode node =
        ActaNode.builder("ledger")
            .config(config)
            .entity(Account.TYPE)
            .entity(
                Transfer.type(
                    transfers.getLong("approval-threshold"),
                    transfers.getDuration("approval-timeout"),
                    Clock.systemUTC()))
            .entity(Alerts.TYPE)
            // Off unless acta.tracing.enabled = on; then exported as the OTEL_* variables say.
            .with(Tracing.of())
            .with(
                Projections.of(
                        LedgerViews.BALANCES,
                        LedgerViews.HISTORY,
                        LedgerViews.TOTALS,
                        LedgerViews.TRANSFERS)
                    .withReactions(LedgerReactions.LARGE_WITHDRAWALS))
            .with(Kafka.of().publish(LedgerTopics.ACCOUNT_EVENTS).subscribe(LedgerTopics.PAYMENTS))
            .with(httpApi().build())
            .start();
    // Ctrl-C or SIGTERM: the node leaves its cluster gracefully (handing its shards off) and stops.
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "ledger-shutdown"));
    if (node.hasRole(NodeRole.HTTP)) printUrls(node);
    else System.out.println("Ledger node ready (roles " + node.roles() + "). Ctrl-C stops it.");
    node.whenStopped().toCompletableFuture().join();
    // Stopped without Ctrl-C, e.g. downed by the cluster's split brain resolver: exit so that a
    // supervisor (systemd, Kubernetes) starts a fresh node that rejoins.
    System.exit(1);
  }

  private static void printUrls(ActaNode node) {
    var address = node.extension(HttpApi.class).boundAddress();
    String base = "http://localhost:" + address.getPort();
    System.out.println();
    System.out.println("Ledger service ready. Ctrl-C stops it.");
    System.out.println(
        "  Commands   POST " + base + "/api/account/{id}/{open|deposit|withdraw|close}");
    System.out.println(
        "  Transfers  POST "
            + base
            + "/api/transfer/{id}/{start|approve}   GET "
            + base
            + "/api/transfer/{id}");
    System.out.println(
        "  Alerts     GET  "
            + base
            + "/api/alerts/{account id}   (withdrawals of "
            + LedgerReactions.LARGE_WITHDRAWAL / 100
            + ".00 or more)");
    System.out.println(
        "  Accounts   GET  "
            + base
            + "/api/account/{id}   and   "
            + base
            + "/api/account/{id}/events");
    System.out.println(
        "  Also       POST "
            + base
            + "/accounts/{id}/deposits   GET "
            + base
            + "/accounts/{id}/balance   GET "
            + base
            + "/openapi.json");
    System.out.println(
        "  Operations GET  "
            + base
            + "/admin (the console)   "
            + base
            + "/metrics   "
            + node.extension(HttpApi.class)
                .managementUri()
                .map(u -> u + "/ready   " + u + "/alive")
                .orElse(""));
    System.out.println(
        "  Views      GET  "
            + base
            + "/views/balances/{id}   "
            + base
            + "/views/history/{id}   "
            + base
            + "/views/currency-totals/EUR   "
            + base
            + "/views/balances?by=owner&value=ada   "
            + base
            + "/views/transfers?by=from&value={account id}");
    System.out.println();
  }
}
