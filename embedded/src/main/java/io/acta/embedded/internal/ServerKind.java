package io.acta.embedded.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What the shared helpers of this package need to know about one kind of embedded server, so that
 * their messages name that server, its settings and its API, and so that they fail with that API's
 * own exception type (callers catch {@code EmbeddedCassandraException} or {@code
 * EmbeddedKafkaException}, never a type of this internal package).
 *
 * @param name the server's name in messages, e.g. {@code "Cassandra"}
 * @param apiClass the simple name of the public class that starts it, e.g. {@code
 *     "EmbeddedCassandra"}, for messages that say how to set something in code
 * @param configPath where its settings live in HOCON, e.g. {@code "acta.cassandra.embedded"}
 * @param javaHomeEnvVar the environment variable naming the Java home to run it with
 * @param java the Java runtimes that run it
 * @param classpathResource the class-path resource the build writes for it, e.g. {@code
 *     "/io/acta/embedded/kafka/server-classpath.txt"}
 * @param mainArtifact the artifact id whose jar gives the server's version, e.g. {@code
 *     "cassandra-all"}
 * @param failure makes the exception of the server's API from a message and a cause (null when
 *     there is none)
 */
public record ServerKind(
    String name,
    String apiClass,
    String configPath,
    String javaHomeEnvVar,
    JavaRequirement java,
    String classpathResource,
    String mainArtifact,
    BiFunction<String, Throwable, ? extends RuntimeException> failure) {

  /** Checks that nothing is missing. */
  public ServerKind {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiClass, "apiClass");
    Objects.requireNonNull(configPath, "configPath");
    Objects.requireNonNull(javaHomeEnvVar, "javaHomeEnvVar");
    Objects.requireNonNull(java, "java");
    Objects.requireNonNull(classpathResource, "classpathResource");
    Objects.requireNonNull(mainArtifact, "mainArtifact");
    Objects.requireNonNull(failure, "failure");
  }

  /** The full HOCON path of one of the server's settings, e.g. {@code acta.kafka.embedded.port}. */
  public String setting(String key) {
    return configPath + "." + key;
  }

  /** The owner's lock file in a data directory, e.g. {@code embedded-cassandra.lock}. */
  public String ownerLockFile() {
    return "embedded-" + name.toLowerCase(Locale.ROOT) + ".lock";
  }

  /** The API's exception with {@code message}. */
  public RuntimeException fail(String message) {
    return failure.apply(message, null);
  }

  /** The API's exception with {@code message} and {@code cause}. */
  public RuntimeException fail(String message, Throwable cause) {
    return failure.apply(message, cause);
  }
}
