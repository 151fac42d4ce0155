package io.acta.http.internal;

import io.acta.api.entity.EntityType;
import io.acta.api.view.ViewType;
import java.util.ArrayList;
import java.util.List;

/**
 * A route the embedding service declared: a path template with one {@code {placeholder}} (the
 * entity id or view key) mapped to a command of an entity type (POST) or to a view's row (GET).
 *
 * @param template e.g. {@code /accounts/{id}/deposits}
 * @param prefix the literal segments before the placeholder
 * @param suffix the literal segments after it
 * @param entityType the entity type, for a command route
 * @param commandClass the command, for a command route
 * @param view the view, for a view route
 */
public record DeclaredRoute(
    String template,
    List<String> prefix,
    List<String> suffix,
    EntityType<?, ?, ?> entityType,
    Class<?> commandClass,
    ViewType<?> view) {

  /** Parses {@code template}; exactly one {@code {name}} segment. */
  public static DeclaredRoute of(
      String template, EntityType<?, ?, ?> entityType, Class<?> commandClass, ViewType<?> view) {
    if (!template.startsWith("/"))
      throw new IllegalArgumentException("route '" + template + "' must start with '/'");
    List<String> prefix = new ArrayList<>();
    List<String> suffix = new ArrayList<>();
    int placeholders = 0;
    for (String segment : template.substring(1).split("/", -1)) {
      if (segment.isEmpty())
        throw new IllegalArgumentException("route '" + template + "' has an empty segment");
      if (segment.startsWith("{") && segment.endsWith("}")) placeholders++;
      else (placeholders == 0 ? prefix : suffix).add(segment);
    }
    if (placeholders != 1) {
      throw new IllegalArgumentException(
          "route '" + template + "' needs exactly one {placeholder} for the id or key");
    }
    if (commandClass != null && !entityType.classes().commands().contains(commandClass)) {
      throw new IllegalArgumentException(
          commandClass.getName() + " is not a command of entity type '" + entityType.name() + "'");
    }
    return new DeclaredRoute(
        template, List.copyOf(prefix), List.copyOf(suffix), entityType, commandClass, view);
  }

  boolean isCommand() {
    return commandClass != null;
  }
}
