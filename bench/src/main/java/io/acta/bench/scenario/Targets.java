package io.acta.bench.scenario;

import com.typesafe.config.Config;
import io.acta.bench.Progress;
import io.acta.bench.load.CommandTarget;
import java.util.List;
import java.util.Locale;

/** Set-up and tear-down of a group of {@link CommandTarget}s. */
final class Targets {
  private Targets() {}

  /** Opens the accounts of every target, saying how long each took. */
  static void prepare(List<? extends CommandTarget> targets, int accounts, Progress progress)
      throws Exception {
    for (CommandTarget t : targets) {
      long t0 = System.nanoTime();
      t.prepare(accounts);
      progress.step(
          String.format(
              Locale.ROOT,
              "%s: %d accounts opened in %.1f s",
              t.name(),
              accounts,
              (System.nanoTime() - t0) / 1e9));
    }
  }

  /** Closes every target, in reverse order, whatever fails. */
  static void closeAll(List<? extends AutoCloseable> resources, Progress progress) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        progress.detail("closing failed: " + e);
      }
    }
  }

  /**
   * The threads of Pekko's default dispatcher on this machine, as its fork-join settings size it.
   */
  static int pekkoDispatcherThreads(Config config) {
    var fj = config.getConfig("pekko.actor.default-dispatcher.fork-join-executor");
    int wanted =
        (int)
            Math.ceil(
                Runtime.getRuntime().availableProcessors() * fj.getDouble("parallelism-factor"));
    return Math.min(fj.getInt("parallelism-max"), Math.max(fj.getInt("parallelism-min"), wanted));
  }
}
