package io.acta.runtime.internal.views;

import java.util.List;
import java.util.Map;

/**
 * What one handled group of events changed in one version of a view, as the node that folded it
 * tells every node of the cluster (over {@link ViewChanges}' topic): the keys of the rows it wrote,
 * and the source entities it has now processed up to a sequence number. Sent once the rows and the
 * progress are stored, so a node that reads them on receipt finds them.
 *
 * @param view the view's name
 * @param version the version of the view that was written
 * @param keys the keys of the rows the group changed
 * @param progress per source persistence id, the last sequence number now processed
 */
public record ViewChanged(String view, int version, List<String> keys, Map<String, Long> progress) {
  public ViewChanged {
    keys = List.copyOf(keys);
    progress = Map.copyOf(progress);
  }
}
