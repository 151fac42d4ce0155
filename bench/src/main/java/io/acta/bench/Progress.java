package io.acta.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Tells whoever watches a run where it is: which scenario, which step, warm-up or measurement, with
 * the time elapsed since the run started. Printed to standard output and flushed at once, so that a
 * long run never looks stuck.
 */
public final class Progress {
  private final long started = System.nanoTime();
  private final PrintStream out;
  private String scenario = "";

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** A new scenario begins. */
  public void scenario(String id, String title) {
    scenario = id;
    print("== " + title + " [" + id + "]");
  }

  /** A step of the current scenario. */
  public void step(String message) {
    print("  " + message);
  }

  /** A detail of the current step. */
  public void detail(String message) {
    print("    " + message);
  }

  /** A message outside any scenario. */
  public void info(String message) {
    print(message);
  }

  private synchronized void print(String message) {
    long s = (System.nanoTime() - started) / 1_000_000_000L;
    out.printf(
        Locale.ROOT,
        "[bench %02d:%02d%s] %s%n",
        s / 60,
        s % 60,
        scenario.isEmpty() ? "" : " " + scenario,
        message);
    out.flush();
  }

  /** Leaves the current scenario. */
  public void endScenario() {
    scenario = "";
  }
}
