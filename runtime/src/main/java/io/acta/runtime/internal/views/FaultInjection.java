package io.acta.runtime.internal.views;

/**
 * Seams for crash tests only. Throwing from a hook makes the projection fail right there and
 * restart from its stored offset, as a crash at that point would. No-ops unless a test sets them.
 */
public final class FaultInjection {
  private static volatile Runnable afterViewWrite = () -> {};
  private static volatile Runnable beforeProgress = () -> {};
  private static volatile Runnable beforeViewWrite = () -> {};

  private FaultInjection() {}

  /**
   * Runs after a group's rows and progress are written, before the projection may store its offset;
   * {@code null} for none.
   */
  public static void afterViewWrite(Runnable hook) {
    afterViewWrite = hook == null ? () -> {} : hook;
  }

  /**
   * Runs after a group's own work (a view's rows written, a reaction's commands answered), before
   * its progress is recorded; {@code null} for none. A crash here leaves work done that the
   * entities' progress does not show.
   */
  public static void beforeProgress(Runnable hook) {
    beforeProgress = hook == null ? () -> {} : hook;
  }

  /**
   * Runs when a view's projection is handed a group, before it writes anything; {@code null} for
   * none. Throwing here holds the projection at its stored offset with the group not applied, as a
   * store that keeps failing would.
   */
  public static void beforeViewWrite(Runnable hook) {
    beforeViewWrite = hook == null ? () -> {} : hook;
  }

  static void runBeforeViewWrite() {
    beforeViewWrite.run();
  }

  static void runAfterViewWrite() {
    afterViewWrite.run();
  }

  static void runBeforeProgress() {
    beforeProgress.run();
  }
}
