package io.acta.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a node runs ({@code acta.node.roles}); a node has every role unless configured otherwise.
 * Nodes without {@link #ENTITIES} still reach every entity, and views are readable on every node:
 * roles decide where work runs, never what a node can ask for.
 */
public enum NodeRole {
  /** Hosts entity shards. */
  ENTITIES,
  /** Runs the projections that keep views and handlers up to date. */
  PROJECTIONS,
  /** Serves the HTTP API (health checks are served on every node). */
  HTTP;

  /** The name in configuration and in Pekko's cluster roles, e.g. {@code "entities"}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of this configuration name. */
  public static NodeRole fromConfigName(String name) {
    for (NodeRole role : values()) {
      if (role.configName().equals(name)) return role;
    }
    throw new IllegalArgumentException(
        "unknown node role '"
            + name
            + "' in acta.node.roles; known roles: "
            + Arrays.stream(values()).map(NodeRole::configName).collect(Collectors.joining(", ")));
  }
}
