package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLimitsTest {
  @Test
  void aStockServerGetsBatchesUnderItsWarnings() {
    BatchLimits limits =
        BatchLimits.from(
            Map.of(
                "batch_size_warn_threshold", "5KiB",
                "unlogged_batch_across_partitions_warn_threshold", "10"));

    assertThat(limits).isEqualTo(BatchLimits.STOCK).isEqualTo(new BatchLimits(10, 3072));
  }

  @Test
  void raisedThresholdsGiveLargerBatches() {
    BatchLimits limits =
        BatchLimits.from(
            Map.of(
                "batch_size_warn_threshold", "64KiB",
                "unlogged_batch_across_partitions_warn_threshold", "32"));

    assertThat(limits).isEqualTo(new BatchLimits(32, 64 * 1024 * 3 / 5));
  }

  @Test
  void sizesInMebibytesAndBytesAreRead() {
    assertThat(BatchLimits.from(Map.of("batch_size_warn_threshold", "1MiB")).bytes())
        .isEqualTo(1024 * 1024 * 3 / 5);
    assertThat(BatchLimits.from(Map.of("batch_size_warn_threshold", "10000B")).bytes())
        .isEqualTo(6000);
  }

  @Test
  void aServerBefore4_1GivesItsSizeInKibibytes() {
    assertThat(BatchLimits.from(Map.of("batch_size_warn_threshold_in_kb", "20")).bytes())
        .isEqualTo(20 * 1024 * 3 / 5);
  }

  @Test
  void whatTheServerDoesNotSayOrSaysUnreadablyIsStock() {
    assertThat(BatchLimits.from(Map.of())).isEqualTo(BatchLimits.STOCK);
    assertThat(
            BatchLimits.from(
                Map.of(
                    "batch_size_warn_threshold", "five",
                    "unlogged_batch_across_partitions_warn_threshold", "99999999999999999999")))
        .isEqualTo(BatchLimits.STOCK);
  }

  @Test
  void zeroThresholdsStillLetOneRowThrough() {
    BatchLimits limits =
        BatchLimits.from(
            Map.of(
                "batch_size_warn_threshold", "0KiB",
                "unlogged_batch_across_partitions_warn_threshold", "0"));

    assertThat(limits).isEqualTo(new BatchLimits(1, 1));
  }
}
