package io.acta.runtime.internal.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How far a projection has processed the entities a lag measurement asks about (those with events
 * in the look-back window behind its offset and after it). A caught-up view measured every {@code
 * status-interval} asks about every entity written in that window, up to thousands on a busy node;
 * they were read one at a time from the store (two reads each for a view with a row per entity),
 * and each check near the end of a rebuild waited on them. The change notices (which every node
 * hears for every view) already say how far each recently changed entity got, so only entities they
 * do not cover are read, many at once.
 */
final class BacklogProgress {
  private BacklogProgress() {}

  /**
   * Per source of {@code newest} (by persistence id, with the newest of its sequence numbers in
   * question), the last sequence number processed: what the notices said ({@code noticed}, -1 for
   * nothing) when that reaches the newest, else the stored progress ({@code stored}), read at most
   * {@code inFlight} at a time. Blocks until the reads are done.
   */
  static Map<String, Long> of(
      Map<String, Long> newest,
      ToLongFunction<String> noticed,
      Function<String, CompletionStage<Long>> stored,
      int inFlight) {
    Map<String, Long> out = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    newest.forEach(
        (pid, seq) -> {
          long said = noticed.applyAsLong(pid);
          if (said >= seq) out.put(pid, said);
          else unknown.add(pid);
        });
    List<Long> read = InFlight.run(unknown, inFlight, stored).join();
    for (int i = 0; i < unknown.size(); i++) out.put(unknown.get(i), read.get(i));
    return out;
  }
}
