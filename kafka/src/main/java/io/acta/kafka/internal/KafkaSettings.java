package io.acta.kafka.internal;

import io.acta.config.Constraint;
import io.acta.config.Setting;
import io.acta.config.SettingsTable;
import java.time.Duration;

/** Every setting of the Kafka module, under {@code acta.kafka}; reference.conf mirrors them. */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** {@code acta.kafka.enabled}. */
  public static final Setting<Boolean> ENABLED =
      Setting.bool(
          "enabled",
          true,
          """
          Whether the node publishes and consumes at all. Off, the extension does nothing (a node \
          of a cluster that leaves Kafka to others, a test).\
          """);

  /** {@code acta.kafka.embedded}. */
  public static final Setting<Boolean> EMBEDDED =
      Setting.bool(
          "embedded",
          false,
          """
          Dev mode: start a real Kafka broker in a child JVM (settings under \
          acta.kafka.embedded-broker, data kept across runs) and use it. Needs io.acta:acta-embedded \
          on the class path; never for production.\
          """);

  /** {@code acta.kafka.bootstrap-servers}. */
  public static final Setting<String> BOOTSTRAP_SERVERS =
      Setting.string(
          "bootstrap-servers",
          "",
          """
          The brokers to connect to, host:port separated by commas. Required unless embedded is on.\
          """);

  /** {@code acta.kafka.security-protocol}. */
  public static final Setting<String> SECURITY_PROTOCOL =
      Setting.string(
              "security-protocol",
              "PLAINTEXT",
              """
              PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.\
              """)
          .requiring(Constraint.oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"));

  /** {@code acta.kafka.sasl-mechanism}. */
  public static final Setting<String> SASL_MECHANISM =
      Setting.string(
          "sasl-mechanism",
          "",
          """
          With SASL_*: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI.\
          """);

  /** {@code acta.kafka.sasl-jaas-config}. */
  public static final Setting<String> SASL_JAAS_CONFIG =
      Setting.string(
          "sasl-jaas-config",
          "",
          """
          With SASL_*: the client's JAAS line, e.g. org.apache.kafka.common.security.scram.\
          ScramLoginModule required username="..." password="...";\
          """);

  /** {@code acta.kafka.ssl-truststore}. */
  public static final Setting<String> SSL_TRUSTSTORE =
      Setting.string(
          "ssl-truststore",
          "",
          """
          With SSL or SASL_SSL: a PKCS12 or JKS truststore with the brokers' CA; empty trusts the \
          JDK's CAs.\
          """);

  /** {@code acta.kafka.ssl-truststore-password}. */
  public static final Setting<String> SSL_TRUSTSTORE_PASSWORD =
      Setting.string(
          "ssl-truststore-password",
          "",
          """
          The truststore's password.\
          """);

  /** {@code acta.kafka.group-id-prefix}. */
  public static final Setting<String> GROUP_ID_PREFIX =
      Setting.string(
          "group-id-prefix",
          "",
          """
          A subscription's consumer group is this prefix and the subscription's name; empty uses \
          the node's name and a dot (ledger.payments). Nodes of one service share each group, so \
          they share the partitions.\
          """);

  /** {@code acta.kafka.dead-letter-suffix}. */
  public static final Setting<String> DEAD_LETTER_SUFFIX =
      Setting.string(
              "dead-letter-suffix",
              ".dead-letters",
              """
              A message a subscription cannot apply is parked on its topic's name with this \
              suffix, with the reason in headers, and its partition goes on.\
              """)
          .requiring(Constraint.notBlank());

  /** {@code acta.kafka.consumer-batch.max-messages}. */
  public static final Setting<Integer> BATCH_MAX_MESSAGES =
      Setting.integer(
              "consumer-batch.max-messages",
              500,
              """
              A subscription handles messages in batches of at most this many: messages of one \
              key one after the other, keys in parallel; then it commits the batch's offsets.\
              """)
          .requiring(Constraint.atLeast(1));

  /** {@code acta.kafka.consumer-batch.within}. */
  public static final Setting<Duration> BATCH_WITHIN =
      Setting.duration(
              "consumer-batch.within",
              Duration.ofMillis(20),
              """
              The longest a batch waits for more messages after its first.\
              """)
          .requiring(Constraint.positive());

  /** {@code acta.kafka.command-retries}. */
  public static final Setting<Integer> COMMAND_RETRIES =
      Setting.integer(
              "command-retries",
              5,
              """
              A command that fails for a passing reason (its entity unavailable, a timeout) is sent \
              again this many times, command-retry-delay apart, doubling; then the subscription \
              restarts from its last commit.\
              """)
          .requiring(Constraint.atLeast(0));

  /** {@code acta.kafka.command-retry-delay}. */
  public static final Setting<Duration> COMMAND_RETRY_DELAY =
      Setting.duration(
              "command-retry-delay",
              Duration.ofMillis(500),
              """
              The first pause before a command is sent again.\
              """)
          .requiring(Constraint.positive());

  /** {@code acta.kafka.restart-backoff.min}. */
  public static final Setting<Duration> RESTART_BACKOFF_MIN =
      Setting.duration(
              "restart-backoff.min",
              Duration.ofSeconds(1),
              """
              A subscription that failed starts again from its last commit after this pause, \
              doubling up to restart-backoff.max.\
              """)
          .requiring(Constraint.positive());

  /** {@code acta.kafka.restart-backoff.max}. */
  public static final Setting<Duration> RESTART_BACKOFF_MAX =
      Setting.duration(
              "restart-backoff.max",
              Duration.ofSeconds(30),
              """
              The longest pause before a failed subscription starts again.\
              """)
          .requiring(Constraint.positive());

  /** Every setting, under {@code acta.kafka}. */
  public static final SettingsTable TABLE =
      SettingsTable.of(
          "acta.kafka",
          ENABLED,
          EMBEDDED,
          BOOTSTRAP_SERVERS,
          SECURITY_PROTOCOL,
          SASL_MECHANISM,
          SASL_JAAS_CONFIG,
          SSL_TRUSTSTORE,
          SSL_TRUSTSTORE_PASSWORD,
          GROUP_ID_PREFIX,
          DEAD_LETTER_SUFFIX,
          BATCH_MAX_MESSAGES,
          BATCH_WITHIN,
          COMMAND_RETRIES,
          COMMAND_RETRY_DELAY,
          RESTART_BACKOFF_MIN,
          RESTART_BACKOFF_MAX);
}
