package io.acta.embedded.cassandra.internal;

import io.acta.embedded.cassandra.EmbeddedCassandraException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class path of the Cassandra server's JVM.
 *
 * <p>The build writes {@value #RESOURCE} (see {@code src/server-classpath/pom.xml}): cassandra-all
 * and its dependencies, in the versions Cassandra declares, as {@value #PLACEHOLDER}{@code /group/
 * path/artifact/version/file.jar} entries separated by {@code ;}. At run time the placeholder is
 * replaced by the local Maven repository (system property {@code maven.repo.local}, else the {@code
 * localRepository} of {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}) and every jar must
 * exist. None of these jars is ever on the caller's own class path.
 */
public final class ServerClasspath {
  /** The class-path resource written by the build. */
  public static final String RESOURCE = "/io/acta/cassandra/embedded/server-classpath.txt";

  /** The placeholder the build writes for the local Maven repository. */
  public static final String PLACEHOLDER = "${M2_REPO}";

  private static final Pattern CASSANDRA_JAR =
      Pattern.compile("cassandra-all-(\\d[^/\\\\]*)\\.jar$");

  /**
   * The resolved class path and where it came from.
   *
   * @param entries the entries, as given to {@code java -cp}
   * @param description where they came from, for log messages
   */
  public record Resolved(List<String> entries, String description) {
    /**
     * The Cassandra version, from the {@code cassandra-all-<version>.jar} entry, or {@code
     * "unknown"}.
     */
    public String cassandraVersion() {
      for (String e : entries) {
        Matcher m = CASSANDRA_JAR.matcher(e);
        if (m.find()) return m.group(1);
      }
      return "unknown";
    }
  }

  private ServerClasspath() {}

  /**
   * The server's class path: {@code override} when not blank (entries separated by the platform's
   * path separator; directories, jars and {@code dir/*} wildcards allowed), else the build's list
   * resolved against the local Maven repository.
   *
   * @throws EmbeddedCassandraException naming what is missing and how to fetch it
   */
  public static Resolved resolve(String override) {
    if (override != null && !override.isBlank()) return fromOverride(override);
    String content;
    try (InputStream in = ServerClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new EmbeddedCassandraException(
            "The resource "
                + RESOURCE
                + " that lists the Cassandra server's jars is not on the class path. It is written"
                + " when the module acta-embedded-cassandra is built with Maven (phase"
                + " generate-resources); build it with `mvn -pl embedded-cassandra -am package` (an"
                + " IDE build alone does not write it), or give the server's class path explicitly"
                + " with the setting acta.cassandra.embedded.classpath.");
      }
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EmbeddedCassandraException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
    LocalRepository repo = localRepository();
    return fromList(content, repo.path(), repo.source());
  }

  /**
   * Resolves the build's list against a local repository.
   *
   * @param content the resource's text
   * @param localRepo the local Maven repository
   * @param repoSource how that repository was chosen, for messages
   */
  public static Resolved fromList(String content, Path localRepo, String repoSource) {
    List<String> entries = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    String cassandraCoordinates = null;
    for (String raw : content.split("[;\\r\\n]+")) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      Path path;
      if (entry.startsWith(PLACEHOLDER)) {
        String relative = entry.substring(PLACEHOLDER.length()).replaceFirst("^[/\\\\]+", "");
        path = localRepo.resolve(relative.replace('/', File.separatorChar));
        if (CASSANDRA_JAR.matcher(relative).find()) cassandraCoordinates = coordinates(relative);
        if (!Files.isRegularFile(path)) missing.add(relative);
      } else {
        path = Path.of(entry);
        if (!Files.exists(path)) missing.add(entry);
      }
      entries.add(path.toString());
    }
    if (entries.isEmpty()) {
      throw new EmbeddedCassandraException(
          "The resource "
              + RESOURCE
              + " lists no jars; rebuild acta-embedded-cassandra with Maven.");
    }
    if (!missing.isEmpty()) {
      StringBuilder msg = new StringBuilder();
      msg.append("The Cassandra server needs ")
          .append(missing.size())
          .append(" jar(s) that are not in the local Maven repository ")
          .append(localRepo)
          .append(" (")
          .append(repoSource)
          .append("):\n");
      int shown = 0;
      for (String m : missing) {
        if (shown++ == 15) {
          msg.append("  ... and ").append(missing.size() - 15).append(" more\n");
          break;
        }
        String coords = coordinates(m);
        msg.append("  ").append(localRepo.resolve(m)).append('\n');
        if (coords != null)
          msg.append("      fetch it with: mvn dependency:get -Dartifact=")
              .append(coords)
              .append('\n');
      }
      if (cassandraCoordinates != null) {
        msg.append(
                "Fetch all of them at once (cassandra-all and its dependencies) with:\n"
                    + "  mvn dependency:get -Dartifact=")
            .append(cassandraCoordinates)
            .append('\n');
      }
      msg.append(
              "If the jars are in another local repository, start the JVM with"
                  + " -Dmaven.repo.local=/path/to/repository;")
          .append(
              " or give the server's class path explicitly with the setting"
                  + " acta.cassandra.embedded.classpath.");
      throw new EmbeddedCassandraException(msg.toString());
    }
    return new Resolved(
        List.copyOf(entries),
        RESOURCE + " resolved against " + localRepo + " (" + repoSource + ")");
  }

  private static Resolved fromOverride(String override) {
    List<String> entries = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String raw : override.split(Pattern.quote(File.pathSeparator))) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      String checked = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
      if (!checked.isEmpty() && !Files.exists(Path.of(checked))) missing.add(entry);
      entries.add(entry);
    }
    if (entries.isEmpty())
      throw new EmbeddedCassandraException(
          "The setting acta.cassandra.embedded.classpath has no entries");
    if (!missing.isEmpty()) {
      throw new EmbeddedCassandraException(
          "The setting acta.cassandra.embedded.classpath names entries that do not exist: "
              + String.join(", ", missing));
    }
    return new Resolved(List.copyOf(entries), "the setting acta.cassandra.embedded.classpath");
  }

  /**
   * Maven coordinates ({@code group:artifact:version[:jar:classifier]}) of a repository-relative
   * path such as {@code io/netty/netty-all/4.1.130.Final/netty-all-4.1.130.Final.jar}; null when
   * the path does not have that layout.
   */
  public static String coordinates(String relative) {
    String[] seg = relative.replace('\\', '/').split("/");
    if (seg.length < 4) return null;
    String file = seg[seg.length - 1];
    String version = seg[seg.length - 2];
    String artifact = seg[seg.length - 3];
    String group = String.join(".", Arrays.copyOfRange(seg, 0, seg.length - 3));
    String base = artifact + "-" + version;
    int dot = file.lastIndexOf('.');
    if (!file.startsWith(base) || dot < base.length()) return null;
    String type = file.substring(dot + 1);
    String rest = file.substring(base.length(), dot);
    if (rest.isEmpty())
      return group + ":" + artifact + ":" + version + ("jar".equals(type) ? "" : ":" + type);
    if (!rest.startsWith("-")) return null;
    return group + ":" + artifact + ":" + version + ":" + type + ":" + rest.substring(1);
  }

  /**
   * The local Maven repository and how it was chosen.
   *
   * @param path the repository directory
   * @param source how it was chosen
   */
  public record LocalRepository(Path path, String source) {}

  /**
   * The local Maven repository: system property {@code maven.repo.local}, else the {@code
   * <localRepository>} of {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}.
   */
  public static LocalRepository localRepository() {
    String prop = System.getProperty("maven.repo.local");
    if (prop != null && !prop.isBlank())
      return new LocalRepository(Path.of(prop.trim()), "system property maven.repo.local");
    Path m2 = Path.of(System.getProperty("user.home"), ".m2");
    Path settings = m2.resolve("settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        String xml =
            Files.readString(settings, StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
        Matcher m =
            Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>").matcher(xml);
        if (m.find()) {
          String value = m.group(1).replace("${user.home}", System.getProperty("user.home"));
          if (!value.contains("${"))
            return new LocalRepository(Path.of(value), "localRepository of " + settings);
        }
      } catch (IOException | RuntimeException ignored) {
        // fall through to the default
      }
    }
    return new LocalRepository(m2.resolve("repository"), "the default ~/.m2/repository");
  }

  /**
   * Where this module's own classes are (a jar or a classes directory), to put {@link
   * CassandraMain} on the server's class path.
   */
  public static Path ownCodeLocation() {
    try {
      return Path.of(
          CassandraMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new EmbeddedCassandraException(
          "Cannot find where " + CassandraMain.class.getName() + " was loaded from", e);
    }
  }
}
