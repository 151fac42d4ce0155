package io.acta.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a setting's value must satisfy, with the words that say so in an error message: a value
 * {@code v} that fails {@code test} is reported as "{@code <key> must be <description>, was v}".
 *
 * @param description the allowed values, e.g. {@code "between 1 and 1024"}
 * @param test accepts the allowed values; never given null
 * @param <T> the setting's value type
 */
public record Constraint<T>(String description, Predicate<? super T> test) {

  /** Checks the parts are there. */
  public Constraint {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(test, "test");
  }

  /** Any value. */
  public static <T> Constraint<T> any() {
    return new Constraint<>("any value", v -> true);
  }

  /** An int of at least {@code min}. */
  public static Constraint<Integer> atLeast(int min) {
    return new Constraint<>(">= " + min, v -> v >= min);
  }

  /** An int from {@code min} to {@code max}, both included. */
  public static Constraint<Integer> between(int min, int max) {
    return new Constraint<>("between " + min + " and " + max, v -> v >= min && v <= max);
  }

  /** A TCP port, or 0 for a free one. */
  public static Constraint<Integer> port() {
    return new Constraint<>("0 (free port) or 1..65535", v -> v >= 0 && v <= 65535);
  }

  /** A duration longer than zero. */
  public static Constraint<Duration> positive() {
    return new Constraint<>("positive", v -> !v.isNegative() && !v.isZero());
  }

  /** A duration of zero (off) or longer. */
  public static Constraint<Duration> notNegative() {
    return new Constraint<>("\"off\" or positive", v -> !v.isNegative());
  }

  /** A memory size of at least {@code minBytes}. */
  public static Constraint<Long> atLeastBytes(long minBytes) {
    return new Constraint<>(
        "at least " + Setting.Kind.MEMORY_SIZE.format(minBytes), v -> v >= minBytes);
  }

  /** One of {@code allowed}, exactly as written. */
  public static Constraint<String> oneOf(String... allowed) {
    List<String> values = List.of(allowed);
    return new Constraint<>("one of " + String.join(", ", values), values::contains);
  }

  /** A string that is not blank. */
  public static Constraint<String> notBlank() {
    return new Constraint<>("not blank", v -> !v.isBlank());
  }
}
