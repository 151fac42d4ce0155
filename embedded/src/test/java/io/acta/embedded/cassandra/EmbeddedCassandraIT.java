package io.acta.embedded.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real server shared by the tests of this class. */
class EmbeddedCassandraIT {
  private static Path dataDir;
  private static EmbeddedCassandra cassandra;
  private static CqlSession session;

  @BeforeAll
  static void start() {
    dataDir = TestSupport.freshDirectory("shared");
    cassandra = EmbeddedCassandra.builder().dataDirectory(dataDir).start();
    session = TestSupport.connect(cassandra);
  }

  @AfterAll
  static void stop() {
    if (session != null) session.close();
    if (cassandra != null) cassandra.close();
  }

  @Test
  void servesCql() {
    Row row =
        session
            .execute("SELECT release_version, data_center, cluster_name FROM system.local")
            .one();
    assertThat(row).isNotNull();
    assertThat(row.getString("release_version"))
        .startsWith("5.0.")
        .isEqualTo(cassandra.cassandraVersion());
    assertThat(row.getString("data_center"))
        .isEqualTo(cassandra.localDatacenter())
        .isEqualTo("datacenter1");
    assertThat(row.getString("cluster_name")).isEqualTo("acta");
  }

  @Test
  void reportsWhereItListens() {
    assertThat(cassandra.isRunning()).isTrue();
    InetSocketAddress contact = cassandra.contactPoint();
    assertThat(contact.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(contact.getPort())
        .isEqualTo(cassandra.nativePort())
        .isPositive()
        .isNotEqualTo(cassandra.storagePort());
    assertThat(ProcessHandle.of(cassandra.pid()))
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  void writesTheServerOutputToALogFileInTheDataDirectory() throws Exception {
    assertThat(cassandra.logFile()).startsWith(dataDir).exists();
    assertThat(Files.readString(cassandra.logFile()))
        .contains("Starting listening for CQL clients");
    assertThat(dataDir.resolve("conf/cassandra.yaml"))
        .content()
        .contains(
            "native_transport_port: " + cassandra.nativePort(),
            "auto_snapshot: false",
            "num_tokens: 1");
  }

  @Test
  void refusesASecondServerOnTheSameDataDirectory() {
    EmbeddedCassandra second = EmbeddedCassandra.builder().dataDirectory(dataDir).build();
    assertThatThrownBy(second::start)
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("already in use")
        .hasMessageContaining(dataDir.toString());
    assertThat(second.isRunning()).isFalse();
    assertThat(cassandra.isRunning()).isTrue();
  }

  @Test
  void twoServersAtOnceGetDifferentPorts() throws Exception {
    try (EmbeddedCassandra other =
            EmbeddedCassandra.builder()
                .dataDirectory(TestSupport.freshDirectory("second"))
                .start();
        CqlSession otherSession = TestSupport.connect(other)) {
      assertThat(other.nativePort()).isNotIn(cassandra.nativePort(), cassandra.storagePort());
      assertThat(other.storagePort())
          .isNotIn(cassandra.nativePort(), cassandra.storagePort(), other.nativePort());
      assertThat(
              otherSession.execute("SELECT release_version FROM system.local").one().getString(0))
          .startsWith("5.0.");
      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
          .startsWith("5.0.");

      ProcessHandle otherProcess = ProcessHandle.of(other.pid()).orElseThrow();
      other.stop();
      assertThat(other.isRunning()).isFalse();
      otherProcess.onExit().get(5, TimeUnit.SECONDS);
      assertThat(otherProcess.isAlive()).isFalse();
    }
    assertThat(cassandra.isRunning()).isTrue();
  }
}
