package io.acta.embedded.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RestartIT {
  @Test
  void dataSurvivesARestartOnTheSameDataDirectory() {
    Path dir = TestSupport.freshDirectory("restart");
    try (EmbeddedCassandra first = EmbeddedCassandra.builder().dataDirectory(dir).start();
        CqlSession session = TestSupport.connect(first)) {
      session.execute(
          "CREATE KEYSPACE acta_it WITH replication = {'class': 'SimpleStrategy',"
              + " 'replication_factor': 1}");
      session.execute("CREATE TABLE acta_it.kv (k text PRIMARY KEY, v text)");
      session.execute("INSERT INTO acta_it.kv (k, v) VALUES ('answer', '42')");
    }

    // A new instance, as after a restart of the application.
    try (EmbeddedCassandra second = EmbeddedCassandra.builder().dataDirectory(dir).start();
        CqlSession session = TestSupport.connect(second)) {
      Row row = session.execute("SELECT v FROM acta_it.kv WHERE k = 'answer'").one();
      assertThat(row).isNotNull();
      assertThat(row.getString("v")).isEqualTo("42");
    }
  }
}
