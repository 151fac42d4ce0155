package io.acta.tests.process;

import io.acta.examples.ledger.Account;
import io.acta.testkit.ActaExtension;
import io.acta.tests.cassandra.SharedCassandra;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transfer process on the real Cassandra server: its steps, timers and the set of unfinished
 * processes (remembered entities) all in the journal there.
 */
class TransferProcessIT extends TransferProcessContract {
  @RegisterExtension
  final ActaExtension acta =
      ActaExtension.with(Account.TYPE, TRANSFER).withCassandra(SharedCassandra.contactPoint());

  @Override
  ActaExtension acta() {
    return acta;
  }
}
