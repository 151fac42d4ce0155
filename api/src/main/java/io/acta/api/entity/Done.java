package io.acta.api.entity;

/** The reply of a command that only acknowledges: {@code implements Command<Done>}. */
@TypeName("acta.done")
public enum Done {
  /** The acknowledgement. */
  DONE
}
