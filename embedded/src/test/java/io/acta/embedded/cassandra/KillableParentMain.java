package io.acta.embedded.cassandra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only main of a parent JVM that {@link ParentKillIT} kills with SIGKILL: starts a server on
 * the data directory given as argument, prints {@code READY pid=<server pid> port=<CQL port>} and
 * waits to be killed.
 */
public final class KillableParentMain {
  private KillableParentMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedCassandra cassandra =
        EmbeddedCassandra.builder().dataDirectory(Path.of(args[0])).start();
    System.out.println("READY pid=" + cassandra.pid() + " port=" + cassandra.nativePort());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
