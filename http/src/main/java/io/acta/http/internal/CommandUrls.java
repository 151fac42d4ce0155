package io.acta.http.internal;

import io.acta.api.entity.EntityType;
import io.acta.api.entity.TypeName;

/** The name a command has in URLs and in access rules (its type name without the type's prefix). */
public final class CommandUrls {
  private CommandUrls() {}

  /** {@code deposit} for {@code account.deposit} of entity type {@code account}. */
  public static String name(EntityType<?, ?, ?> type, Class<?> command) {
    return CommandCatalog.urlName(type.name(), command.getAnnotation(TypeName.class).value());
  }
}
