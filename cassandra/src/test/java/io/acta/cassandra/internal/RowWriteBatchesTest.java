package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowWriteBatchesTest {
  @Test
  void aStockServersSmallBatchesKeep64InFlightAndLargerOnesFewer() {
    assertThat(RowWriteBatches.fullInFlight(BatchLimits.STOCK.bytes())).isEqualTo(64);
    assertThat(RowWriteBatches.fullInFlight(new BatchLimits(32, 39_321).bytes())).isEqualTo(5);
  }

  @Test
  void fullBatchesNeverGetFewerSlotsThanPartialOnes() {
    assertThat(RowWriteBatches.fullInFlight(1 << 30)).isEqualTo(RowWriteBatches.PARTIAL_IN_FLIGHT);
  }
}
