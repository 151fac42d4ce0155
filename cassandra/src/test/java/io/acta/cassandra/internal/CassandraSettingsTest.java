package io.acta.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The driver settings the pause fence needs, and a user's own choice for them. */
class CassandraSettingsTest {

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void theFenceGoesIntoTheDriversThrottlerAndTimestampGenerator() {
    var settings = CassandraSettings.pekkoSettings(config(""));
    assertThat(settings)
        .containsEntry(CassandraSettings.THROTTLER, FenceThrottler.class.getName())
        .containsEntry(CassandraSettings.TIMESTAMPS, FenceTimestampGenerator.class.getName());
  }

  @Test
  void credentialsAndTlsBecomeTheDriversAuthProviderAndSslEngine() {
    var none = CassandraSettings.pekkoSettings(config(""));
    assertThat(none.keySet())
        .noneMatch(k -> k.contains("auth-provider") || k.contains("ssl-engine-factory"));
    var settings =
        CassandraSettings.pekkoSettings(
            config(
                "acta.persistence.cassandra { username = ledger, password = s3cret, tls {"
                    + " enabled = on, truststore = /etc/acta/ca.p12, truststore-password = x } }"));
    String driver = "datastax-java-driver.advanced.";
    assertThat(settings)
        .containsEntry(driver + "auth-provider.class", "PlainTextAuthProvider")
        .containsEntry(driver + "auth-provider.username", "ledger")
        .containsEntry(driver + "auth-provider.password", "s3cret")
        .containsEntry(driver + "ssl-engine-factory.class", "DefaultSslEngineFactory")
        .containsEntry(driver + "ssl-engine-factory.hostname-validation", true)
        .containsEntry(driver + "ssl-engine-factory.truststore-path", "/etc/acta/ca.p12")
        .containsEntry(driver + "ssl-engine-factory.truststore-password", "x")
        .doesNotContainKey(driver + "ssl-engine-factory.keystore-path");
  }

  @Test
  void theRecoveryCheckpointIsPekkosTagScanningFlush() {
    var settings =
        CassandraSettings.pekkoSettings(
            config("acta.persistence.cassandra.events-by-tag.recovery-checkpoint-interval = 2s"));
    assertThat(settings)
        .containsEntry(
            "pekko.persistence.cassandra.events-by-tag.scanning-flush-interval", "2000ms");
  }

  private static final String BACK_TRACK = "pekko.persistence.cassandra.events-by-tag.back-track.";

  @Test
  void theBackTrackReachesAnEventThatBecameReadableJustAfterTheLookBefore() {
    assertThat(CassandraSettings.pekkoSettings(config("")))
        .containsEntry(BACK_TRACK + "interval", "2000ms")
        .containsEntry(BACK_TRACK + "period", "7000ms");
    assertThat(
            CassandraSettings.pekkoSettings(
                config(
                    "acta.persistence.cassandra.events-by-tag { max-delay = 3s,"
                        + " back-track-interval = 1s }")))
        .containsEntry(BACK_TRACK + "interval", "1000ms")
        .containsEntry(BACK_TRACK + "period", "4000ms");
  }

  @Test
  void theLongBackTrackLooksBackABoundedPeriodNotToThePreviousBucket() {
    assertThat(CassandraSettings.pekkoSettings(config("")))
        .containsEntry(BACK_TRACK + "long-interval", "120000ms")
        .containsEntry(BACK_TRACK + "long-period", "600000ms");
    assertThat(
            CassandraSettings.pekkoSettings(
                config("acta.persistence.cassandra.events-by-tag.long-back-track-interval = off")))
        .containsEntry(BACK_TRACK + "long-interval", "off");
    // pekko refuses a look back as long as the two buckets after which it forgets an entity.
    assertThat(
            CassandraSettings.pekkoSettings(
                config("acta.persistence.cassandra.bucket-size = Minute")))
        .containsEntry(BACK_TRACK + "long-period", "107999ms");
    assertThatThrownBy(
            () ->
                CassandraSettings.pekkoSettings(
                    config("acta.persistence.cassandra.bucket-size = Week")))
        .hasMessageContaining("bucket-size must be Day, Hour or Minute, not Week");
  }

  @Test
  void aLongBackTrackAsOftenAsTheShortOneIsRefused() {
    assertThatThrownBy(
            () ->
                CassandraSettings.pekkoSettings(
                    config(
                        "acta.persistence.cassandra.events-by-tag.long-back-track-interval = 2s")))
        .hasMessageContaining("long-back-track-interval (2000 ms) must be longer than");
  }

  @Test
  void aLongBackTrackNoLongerThanTheShortOneIsNotRun() {
    assertThat(
            CassandraSettings.pekkoSettings(
                config("acta.persistence.cassandra.events-by-tag.long-back-track-period = 7s")))
        .containsEntry(BACK_TRACK + "long-interval", "off");
    assertThat(
            CassandraSettings.pekkoSettings(
                config(
                    "acta.persistence.cassandra.events-by-tag { eventual-consistency-delay = 10m,"
                        + " max-delay = 10m }")))
        .containsEntry(BACK_TRACK + "period", "602000ms")
        .containsEntry(BACK_TRACK + "long-interval", "off");
  }

  @Test
  void maxRequestsPerConnectionIsTheDriversOwn() {
    String limit = "datastax-java-driver.advanced.connection.max-requests-per-connection";
    assertThat(CassandraSettings.pekkoSettings(config(""))).containsEntry(limit, 8192);
    assertThat(
            CassandraSettings.pekkoSettings(
                config("acta.persistence.cassandra.max-requests-per-connection = 2048")))
        .containsEntry(limit, 2048);
  }

  @Test
  void withTheFenceOffTheDriversDefaultsStay() {
    var settings = CassandraSettings.pekkoSettings(config("acta.node.pause-fence = off"));
    assertThat(settings)
        .doesNotContainKey(CassandraSettings.THROTTLER)
        .doesNotContainKey(CassandraSettings.TIMESTAMPS);
  }

  @Test
  void theDriversDefaultsNamedInFullAreNoChoiceOfTheUsers() {
    var settings =
        CassandraSettings.pekkoSettings(
            config(
                "datastax-java-driver.advanced.throttler.class ="
                    + " com.datastax.oss.driver.internal.core.session.throttling"
                    + ".PassThroughRequestThrottler"));
    assertThat(settings).containsEntry(CassandraSettings.THROTTLER, FenceThrottler.class.getName());
  }

  @Test
  void aThrottlerOfTheUsersOwnIsNeitherReplacedNorKeptSilently() {
    assertThatThrownBy(
            () ->
                CassandraSettings.pekkoSettings(
                    config(
                        "datastax-java-driver.advanced.throttler.class ="
                            + " ConcurrencyLimitingRequestThrottler")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "datastax-java-driver.advanced.throttler.class is set to"
                + " ConcurrencyLimitingRequestThrottler, but acta.node.pause-fence needs its own"
                + " class there")
        .hasMessageContaining("acta.node.pause-fence = off");
    assertThatThrownBy(
            () ->
                CassandraSettings.pekkoSettings(
                    config(
                        "datastax-java-driver.advanced.timestamp-generator.class ="
                            + " ServerSideTimestampGenerator")))
        .hasMessageContaining("timestamp-generator.class is set to ServerSideTimestampGenerator");
    // With the fence off the user's choice stands.
    assertThat(
            CassandraSettings.pekkoSettings(
                config(
                    "acta.node.pause-fence = off\n"
                        + "datastax-java-driver.advanced.throttler.class ="
                        + " ConcurrencyLimitingRequestThrottler")))
        .doesNotContainKey(CassandraSettings.THROTTLER);
  }
}
