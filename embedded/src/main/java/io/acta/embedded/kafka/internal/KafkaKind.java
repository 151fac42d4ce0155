package io.acta.embedded.kafka.internal;

import io.acta.embedded.internal.JavaRequirement;
import io.acta.embedded.internal.ServerKind;
import io.acta.embedded.kafka.EmbeddedKafka;
import io.acta.embedded.kafka.EmbeddedKafkaException;
import java.util.List;

/** Kafka, as the shared helpers of {@code io.acta.embedded.internal} see it. */
public final class KafkaKind {
  /** Kafka 4: Java 17 or newer, settings under {@value EmbeddedKafka#CONFIG_PATH}. */
  public static final ServerKind KIND =
      new ServerKind(
          "Kafka",
          "EmbeddedKafka",
          EmbeddedKafka.CONFIG_PATH,
          "ACTA_KAFKA_JAVA_HOME",
          new JavaRequirement(
              "Kafka 4",
              // The LTS releases Kafka 4 is built and tested on, 17 first; preferred even to a
              // newer current JVM (a build's 25, say), which is used only when neither is there.
              List.of(17, 21),
              f -> f >= 17,
              Integer.MAX_VALUE,
              "17 or newer",
              "Java 17 and newer",
              "",
              "17 or newer"),
          "/io/acta/embedded/kafka/server-classpath.txt",
          "kafka_2.13",
          EmbeddedKafkaException::new);

  /** The broker's main class, which {@link io.acta.embedded.internal.ServerMain} runs. */
  public static final String MAIN_CLASS = "kafka.Kafka";

  /** The storage tool's main class, which formats a data directory's first start. */
  public static final String STORAGE_TOOL = "kafka.tools.StorageTool";

  private KafkaKind() {}
}
