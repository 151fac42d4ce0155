package io.acta.runtime.internal;

import com.typesafe.config.Config;
import io.acta.runtime.NodeRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The roles {@code acta.node.roles} gives a node, checked: unknown names and an empty list are
 * errors.
 */
public record NodeRoles(Set<NodeRole> roles) {

  public static NodeRoles of(Config config) {
    List<String> names = config.getStringList("acta.node.roles");
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "acta.node.roles is empty: a node needs at least one of entities, projections, http");
    }
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    for (String name : names) roles.add(NodeRole.fromConfigName(name));
    return new NodeRoles(Set.copyOf(roles));
  }

  public List<String> names() {
    return roles.stream().sorted().map(NodeRole::configName).toList();
  }
}
