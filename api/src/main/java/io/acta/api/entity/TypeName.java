package io.acta.api.entity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name, and the current schema version, under which a command, event, reply or state
 * type is stored and sent. The Java class name is never stored, so a class can be renamed or moved
 * freely; changing the name itself is a breaking change.
 *
 * <p>Raise {@link #version()} when the JSON shape changes incompatibly, and register an upcaster
 * from the previous version (see {@code EntityType.withUpcaster}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TypeName {
  /** The stored name, e.g. {@code "account.deposited"}: letters, digits, '.', '-' and '_'. */
  String value();

  /** The schema version of the current class, from 1. */
  int version() default 1;
}
