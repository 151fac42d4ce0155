package io.acta.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.pekko.Version;
import org.apache.pekko.persistence.cassandra.journal.CassandraJournal;

/** The versions of what a run measured, read from the jars on the class path. */
final class Versions {
  private Versions() {}

  static Map<String, String> found() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("Acta", pom("io.acta", "acta-sharding"));
    v.put("Pekko", Version.current());
    // Pekko's jars carry no pom.properties, but their manifests name their version.
    v.put("pekko-persistence-cassandra", manifest(CassandraJournal.class));
    v.put("Cassandra Java driver", pom("org.apache.cassandra", "java-driver-core"));
    v.put("Axon Framework", pom("org.axonframework", "axon-messaging"));
    v.put("HdrHistogram", pom("org.hdrhistogram", "HdrHistogram"));
    return v;
  }

  private static String manifest(Class<?> inJar) {
    String version = inJar.getPackage().getImplementationVersion();
    return version != null ? version : "unknown";
  }

  private static String pom(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Versions.class.getResourceAsStream(resource)) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
