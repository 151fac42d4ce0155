package io.acta.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public member that hands out or takes a Pekko type on purpose: the way to what Acta does
 * not cover, or a hook Pekko itself calls. Normal use never needs one. The build's architecture
 * test lets only members marked so name a Pekko type in Acta's public API.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface EscapeHatch {
  /** Why this member exposes Pekko. */
  String value();
}
