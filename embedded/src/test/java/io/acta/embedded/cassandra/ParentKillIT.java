package io.acta.embedded.cassandra;

import io.acta.embedded.internal.ParentKill;
import org.junit.jupiter.api.Test;

/** The server must not outlive a parent JVM killed with SIGKILL (no shutdown hook runs then). */
class ParentKillIT {
  @Test
  void serverExitsWhenItsParentIsKilled() throws Exception {
    ParentKill.assertServerExitsWhenItsParentIsKilled(
        KillableParentMain.class, TestSupport.freshDirectory("parent-kill"), "Cassandra server");
  }
}
