package io.acta.examples.ledger;

import io.acta.api.view.ViewType;

/** The ledger's read models. */
public final class LedgerViews {
  private LedgerViews() {}

  /** Each account's balance, listable by owner. */
  public static final ViewType<AccountBalance> BALANCES =
      ViewType.of("balances", AccountBalance.class, Account.TYPE, new BalancesView())
          .rowPerEntity()
          .indexedBy("owner", AccountBalance::owner);

  /** Each account's latest movements. */
  public static final ViewType<AccountHistory> HISTORY =
      ViewType.of("history", AccountHistory.class, Account.TYPE, new HistoryView()).rowPerEntity();

  /** Each transfer with its status, listable by source ({@code from}) and target ({@code to}). */
  public static final ViewType<TransferSummary> TRANSFERS =
      ViewType.of("transfers", TransferSummary.class, Transfer.TYPE, new TransfersView())
          .rowPerEntity()
          .indexedBy("from", TransferSummary::from)
          .indexedBy("to", TransferSummary::to);

  /** Totals per currency, over all accounts. */
  public static final ViewType<CurrencyTotals> TOTALS =
      ViewType.of("currency-totals", CurrencyTotals.class, Account.TYPE, new TotalsView());
}
