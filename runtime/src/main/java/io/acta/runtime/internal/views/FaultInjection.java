package io.acta.runtime.internal.views;

/**
 * A seam for crash tests only: runs after each view write and before the projection may store its
 * offset. Throwing from it makes the projection fail right there and restart from its stored
 * offset, as a crash between the two writes would. No-op unless a test sets it.
 */
public final class FaultInjection {
  private static volatile Runnable afterViewWrite = () -> {};

  private FaultInjection() {}

  public static void afterViewWrite(Runnable hook) {
    afterViewWrite = hook == null ? () -> {} : hook;
  }

  static void runAfterViewWrite() {
    afterViewWrite.run();
  }
}
