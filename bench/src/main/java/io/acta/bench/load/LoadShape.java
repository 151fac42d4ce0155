package io.acta.bench.load;

import java.time.Duration;

/**
 * The load a throughput scenario applies, the same for Acta and every reference.
 *
 * @param accounts how many accounts the commands spread over
 * @param clients how many commands are outstanding at any time (a closed loop: each client sends
 *     its next command when the previous one is answered)
 * @param warmup how long each target runs before each measurement, unrecorded
 * @param measure how long each measurement lasts
 * @param rounds how many times each target is measured, interleaved with the others
 */
public record LoadShape(int accounts, int clients, Duration warmup, Duration measure, int rounds) {

  public LoadShape {
    if (accounts < 1 || clients < 1 || rounds < 1)
      throw new IllegalArgumentException("accounts, clients and rounds must be >= 1");
  }

  @Override
  public String toString() {
    return accounts
        + " accounts, "
        + clients
        + " outstanding commands, "
        + rounds
        + " round(s) of "
        + warmup.toSeconds()
        + " s warm-up + "
        + measure.toSeconds()
        + " s measurement per subject";
  }
}
