package io.acta.tests.process;

import io.acta.examples.ledger.Account;
import io.acta.testkit.ActaExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transfer process on the in-memory store. */
class TransferProcessTest extends TransferProcessContract {
  @RegisterExtension final ActaExtension acta = ActaExtension.with(Account.TYPE, TRANSFER);

  @Override
  ActaExtension acta() {
    return acta;
  }
}
