package io.acta.embedded.internal;

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
 * The class path of a server's JVM.
 *
 * <p>The build writes each server's resource ({@link ServerKind#classpathResource()}; see {@code
 * src/server-classpath/pom.xml} and {@code src/kafka-classpath/pom.xml}): the server's artifact and
 * its dependencies, in the versions the server declares, as {@value #PLACEHOLDER}{@code /group/
 * path/artifact/version/file.jar} entries separated by {@code ;}. At run time the placeholder is
 * replaced by the local Maven repository (system property {@code maven.repo.local}, else the {@code
 * localRepository} of {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}) and every jar must
 * exist. None of these jars is ever on the caller's own class path.
 */
public final class ServerClasspath {
  /** The placeholder the build writes for the local Maven repository. */
  public static final String PLACEHOLDER = "${M2_REPO}";

  /**
   * The resolved class path and where it came from.
   *
   * @param entries the entries, as given to {@code java -cp}
   * @param description where they came from, for log messages
   * @param version the server's version, from its main artifact's {@code <artifact>-<version>.jar}
   *     entry, or {@code "unknown"}
   */
  public record Resolved(List<String> entries, String description, String version) {}

  private ServerClasspath() {}

  /**
   * The server's class path: {@code override} when not blank (entries separated by the platform's
   * path separator; directories, jars and {@code dir/*} wildcards allowed), else the build's list
   * resolved against the local Maven repository.
   *
   * @throws RuntimeException the server API's exception, naming what is missing and how to fetch it
   */
  public static Resolved resolve(ServerKind kind, String override) {
    if (override != null && !override.isBlank()) return fromOverride(kind, override);
    String resource = kind.classpathResource();
    String content;
    try (InputStream in = ServerClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw kind.fail(
            "The resource "
                + resource
                + " that lists the "
                + kind.name()
                + " server's jars is not on the class path. It is written when the module"
                + " acta-embedded is built with Maven (phase generate-resources); build it with"
                + " `mvn -pl embedded -am package` (an IDE build alone does not write it), or give"
                + " the server's class path explicitly with the setting "
                + kind.setting("classpath")
                + ".");
      }
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw kind.fail("Cannot read " + resource + ": " + e.getMessage(), e);
    }
    LocalRepository repo = localRepository();
    return fromList(kind, content, repo.path(), repo.source());
  }

  /**
   * Resolves the build's list against a local repository.
   *
   * @param kind the server
   * @param content the resource's text
   * @param localRepo the local Maven repository
   * @param repoSource how that repository was chosen, for messages
   */
  public static Resolved fromList(
      ServerKind kind, String content, Path localRepo, String repoSource) {
    Pattern mainJar = mainJar(kind);
    List<String> entries = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    String mainCoordinates = null;
    for (String raw : content.split("[;\\r\\n]+")) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      Path path;
      if (entry.startsWith(PLACEHOLDER)) {
        String relative = entry.substring(PLACEHOLDER.length()).replaceFirst("^[/\\\\]+", "");
        path = localRepo.resolve(relative.replace('/', File.separatorChar));
        if (mainJar.matcher(relative).find()) mainCoordinates = coordinates(relative);
        if (!Files.isRegularFile(path)) missing.add(relative);
      } else {
        path = Path.of(entry);
        if (!Files.exists(path)) missing.add(entry);
      }
      entries.add(path.toString());
    }
    if (entries.isEmpty()) {
      throw kind.fail(
          "The resource "
              + kind.classpathResource()
              + " lists no jars; rebuild acta-embedded with Maven.");
    }
    if (!missing.isEmpty()) {
      StringBuilder msg = new StringBuilder();
      msg.append("The ")
          .append(kind.name())
          .append(" server needs ")
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
      if (mainCoordinates != null) {
        msg.append("Fetch ")
            .append(kind.mainArtifact())
            .append(" and all its dependencies at once with:\n  mvn dependency:get -Dartifact=")
            .append(mainCoordinates)
            .append('\n');
      }
      msg.append(
              "If the jars are in another local repository, start the JVM with"
                  + " -Dmaven.repo.local=/path/to/repository;")
          .append(" or give the server's class path explicitly with the setting ")
          .append(kind.setting("classpath"))
          .append('.');
      throw kind.fail(msg.toString());
    }
    return new Resolved(
        List.copyOf(entries),
        kind.classpathResource() + " resolved against " + localRepo + " (" + repoSource + ")",
        version(kind, entries));
  }

  /**
   * The version in the server's main jar among {@code entries} ({@code
   * <mainArtifact>-<version>.jar}), or {@code "unknown"} (e.g. for a {@code dir/*} class path).
   */
  public static String version(ServerKind kind, List<String> entries) {
    Pattern mainJar = mainJar(kind);
    for (String e : entries) {
      Matcher m = mainJar.matcher(e);
      if (m.find()) return m.group(1);
    }
    return "unknown";
  }

  private static Pattern mainJar(ServerKind kind) {
    // The artifact id starts a file name, so that kafka_2.13 never matches e.g. xkafka_2.13.
    return Pattern.compile(
        "(?:^|[/\\\\])" + Pattern.quote(kind.mainArtifact()) + "-(\\d[^/\\\\]*)\\.jar$");
  }

  private static Resolved fromOverride(ServerKind kind, String override) {
    List<String> entries = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String raw : override.split(Pattern.quote(File.pathSeparator))) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      String checked = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
      if (!checked.isEmpty() && !Files.exists(Path.of(checked))) missing.add(entry);
      entries.add(entry);
    }
    String setting = kind.setting("classpath");
    if (entries.isEmpty()) throw kind.fail("The setting " + setting + " has no entries");
    if (!missing.isEmpty()) {
      throw kind.fail(
          "The setting "
              + setting
              + " names entries that do not exist: "
              + String.join(", ", missing));
    }
    return new Resolved(List.copyOf(entries), "the setting " + setting, version(kind, entries));
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
   * Where this module's own classes are (a jar or a classes directory), to put {@link ServerMain}
   * and the servers' own main classes on the server's class path.
   */
  public static Path ownCodeLocation(ServerKind kind) {
    try {
      return Path.of(ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw kind.fail("Cannot find where " + ServerMain.class.getName() + " was loaded from", e);
    }
  }
}
