package io.acta.runtime.internal.views;

/**
 * Seams for crash tests only. Throwing from a hook makes the projection fail right there and
 * restart from its stored offset, as a crash at that point would. No-ops unless a test sets them.
 */
public final class FaultInjection {
  private static volatile Runnable afterViewWrite = () -> {};
  private static volatile Runnable afterRowWrites = () -> {};

  private FaultInjection() {}

  /**
   * Runs after a group's rows and progress are written, before the projection may store its offset;
   * {@code null} for none.
   */
  public static void afterViewWrite(Runnable hook) {
    afterViewWrite = hook == null ? () -> {} : hook;
  }

  /**
   * Runs after a group's rows are written, before its progress is; {@code null} for none. A crash
   * here leaves rows holding events their entities' progress does not show.
   */
  public static void afterRowWrites(Runnable hook) {
    afterRowWrites = hook == null ? () -> {} : hook;
  }

  static void runAfterViewWrite() {
    afterViewWrite.run();
  }

  static void runAfterRowWrites() {
    afterRowWrites.run();
  }
}
