package io.acta.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a Java runtime that can run a server: one whose feature release its {@link
 * ServerKind#java() JavaRequirement} supports (Cassandra 5.0: 11 or 17, as on 24 and newer it dies
 * installing its security manager; Kafka 4.1: 17 and newer).
 *
 * <p>Order: the {@code java-home} setting, the server's environment variable ({@link
 * ServerKind#javaHomeEnvVar()}), the current JVM (if it is one of the requirement's preferred
 * releases), then, among the current JVM, {@code JAVA_HOME} and the usual install directories
 * (whose entries are recognised by their {@code release} file, {@code JAVA_VERSION}), the preferred
 * releases in their order, then the newest other release that fits. An explicitly given home
 * (setting or environment variable) that does not fit is an error, not skipped. When nothing fits,
 * the exception lists every place looked at and what was found there.
 */
public final class JavaHomeLocator {

  /**
   * A directory whose entries are Java homes (or contain one at {@code suffix}, as on macOS).
   *
   * @param directory the directory, e.g. {@code /usr/lib/jvm}
   * @param suffix the relative path of the home inside each entry; empty for the entry itself
   */
  public record InstallRoot(Path directory, String suffix) {
    /** The root with homes directly as its entries. */
    public static InstallRoot of(Path directory) {
      return new InstallRoot(directory, "");
    }

    Path home(Path entry) {
      return suffix.isEmpty() ? entry : entry.resolve(suffix);
    }

    @Override
    public String toString() {
      return suffix.isEmpty() ? directory + "/*" : directory + "/*/" + suffix;
    }
  }

  /**
   * A Java runtime that fits.
   *
   * @param home its home directory
   * @param executable its {@code bin/java}
   * @param feature its feature release, e.g. 17
   * @param version its full version, e.g. {@code 17.0.15}
   * @param source where it was found, e.g. {@code "the current JVM"}
   */
  public record JavaHome(Path home, Path executable, int feature, String version, String source) {}

  private record Inspection(
      Path home, int feature, String version, Path executable, String problem) {
    boolean fits() {
      return problem == null;
    }

    String describe() {
      if (problem != null) return problem;
      return "Java " + version + " (fits)";
    }
  }

  private final ServerKind kind;
  private final JavaRequirement requirement;
  private final String setting;
  private final Path configured;
  private final String envValue;
  private final String javaHomeEnv;
  private final Path currentHome;
  private final String currentVersion;
  private final List<InstallRoot> roots;

  /**
   * A locator over explicit inputs (for tests and for {@link #forThisMachine}).
   *
   * @param kind the server to run
   * @param configured the {@code java-home} setting, or null
   * @param envValue the value of the server's environment variable, or null
   * @param javaHomeEnv the value of {@code JAVA_HOME}, or null
   * @param currentHome the current JVM's home ({@code java.home})
   * @param currentVersion the current JVM's version ({@code java.version})
   * @param roots the install directories to scan, in order
   */
  public JavaHomeLocator(
      ServerKind kind,
      Path configured,
      String envValue,
      String javaHomeEnv,
      Path currentHome,
      String currentVersion,
      List<InstallRoot> roots) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.requirement = kind.java();
    this.setting = kind.setting("java-home");
    this.configured = configured;
    this.envValue = blankToNull(envValue);
    this.javaHomeEnv = blankToNull(javaHomeEnv);
    this.currentHome = Objects.requireNonNull(currentHome, "currentHome");
    this.currentVersion = Objects.requireNonNull(currentVersion, "currentVersion");
    this.roots = List.copyOf(roots);
  }

  /**
   * A locator for this machine: real environment, current JVM and the usual install directories.
   */
  public static JavaHomeLocator forThisMachine(ServerKind kind, Path configured) {
    return new JavaHomeLocator(
        kind,
        configured,
        System.getenv(kind.javaHomeEnvVar()),
        System.getenv("JAVA_HOME"),
        Path.of(System.getProperty("java.home")),
        System.getProperty("java.version"),
        defaultRoots());
  }

  /** The usual install directories of this operating system. */
  public static List<InstallRoot> defaultRoots() {
    Path userHome = Path.of(System.getProperty("user.home"));
    List<InstallRoot> roots = new ArrayList<>();
    roots.add(InstallRoot.of(Path.of("/usr/lib/jvm")));
    roots.add(InstallRoot.of(Path.of("/usr/java")));
    roots.add(InstallRoot.of(Path.of("/opt/java")));
    roots.add(InstallRoot.of(userHome.resolve(".sdkman/candidates/java")));
    roots.add(new InstallRoot(Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home"));
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      roots.add(InstallRoot.of(Path.of("C:\\Program Files\\Java")));
      roots.add(InstallRoot.of(Path.of("C:\\Program Files\\Eclipse Adoptium")));
      roots.add(InstallRoot.of(Path.of("C:\\Program Files\\Microsoft")));
    }
    return roots;
  }

  /**
   * The Java runtime to run the server with.
   *
   * @throws RuntimeException the server API's exception ({@link ServerKind#fail}) when an
   *     explicitly given home does not fit, or none is found
   */
  public JavaHome locate() {
    if (configured != null) {
      return explicit(inspect(configured), "the setting " + setting);
    }
    if (envValue != null) {
      return explicit(
          inspect(Path.of(envValue)), "the environment variable " + kind.javaHomeEnvVar());
    }
    List<String> report = new ArrayList<>();
    report.add("the setting " + setting + ": not set");
    report.add("the environment variable " + kind.javaHomeEnvVar() + ": not set");

    List<Inspection> fitting = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    int currentFeature = feature(currentVersion);
    if (requirement.supports(currentFeature)) {
      Inspection current = inspectExecutable(currentHome, currentFeature, currentVersion);
      if (current.fits() && requirement.preferred().contains(currentFeature)) {
        return found(current, "the current JVM");
      }
      // Fits but is not preferred (e.g. the Java 25 a build runs on, where Kafka prefers 17):
      // one more candidate, chosen only when no preferred release is installed.
      report.add("the current JVM " + currentHome + ": " + current.describe());
      if (current.fits()) {
        fitting.add(current);
        sources.add("the current JVM");
      }
    } else {
      report.add(
          "the current JVM "
              + currentHome
              + ": Java "
              + currentVersion
              + requirement.whyNot(currentFeature));
    }

    if (javaHomeEnv != null) {
      Inspection i = inspect(Path.of(javaHomeEnv));
      report.add("the environment variable JAVA_HOME=" + javaHomeEnv + ": " + i.describe());
      if (i.fits()) {
        fitting.add(i);
        sources.add("JAVA_HOME");
      }
    } else {
      report.add("the environment variable JAVA_HOME: not set");
    }
    for (InstallRoot root : roots) {
      Path dir = root.directory();
      if (!Files.isDirectory(dir)) {
        report.add(root + ": " + (Files.exists(dir) ? "not a directory" : "does not exist"));
        continue;
      }
      List<Path> entries = list(dir);
      if (entries.isEmpty()) {
        report.add(root + ": empty");
        continue;
      }
      report.add(root + ":");
      for (Path entry : entries) {
        Inspection i = inspect(root.home(entry));
        report.add("    " + i.home() + ": " + i.describe());
        if (i.fits()) {
          fitting.add(i);
          sources.add(root.directory().toString());
        }
      }
    }
    // The preferred feature releases in their order, then the newest of any other that fits.
    List<Integer> order = new ArrayList<>(requirement.preferred());
    fitting.stream()
        .map(Inspection::feature)
        .filter(f -> !order.contains(f))
        .distinct()
        .sorted(Comparator.reverseOrder())
        .forEach(order::add);
    for (int wanted : order) {
      Inspection best = null;
      String source = null;
      for (int k = 0; k < fitting.size(); k++) {
        Inspection i = fitting.get(k);
        if (i.feature() != wanted) continue;
        if (best == null || compareVersions(i.version(), best.version()) > 0) {
          best = i;
          source = sources.get(k);
        }
      }
      if (best != null) return found(best, source);
    }
    throw kind.fail(
        "No Java "
            + requirement.needs()
            + " runtime found to run "
            + kind.name()
            + " ("
            + requirement.product()
            + " runs on "
            + requirement.runsOn()
            + requirement.note()
            + ").\n"
            + "Looked at:\n"
            + "  - "
            + String.join("\n  - ", report)
            + "\n"
            + howToSet());
  }

  private String howToSet() {
    return "Install a JDK or JRE "
        + requirement.install()
        + ", e.g. `apt-get install openjdk-17-jre-headless` or `sdk"
        + " install java 17.0.15-tem`, then point to its home in one of these ways: the"
        + " setting "
        + setting
        + " = \"/path/to/jdk-17\""
        + " (application.conf or -D"
        + setting
        + "=...), "
        + kind.apiClass()
        + ".builder().javaHome(Path.of(\"/path/to/jdk-17\")),"
        + " or the environment variable "
        + kind.javaHomeEnvVar()
        + "=/path/to/jdk-17. Install directories under /usr/lib/jvm, /usr/java, /opt/java,"
        + " ~/.sdkman/candidates/java and /Library/Java/JavaVirtualMachines are found by"
        + " themselves.";
  }

  private JavaHome explicit(Inspection i, String source) {
    if (i.fits()) return found(i, source);
    throw kind.fail(
        "Cannot run "
            + kind.name()
            + " with the Java home given by "
            + source
            + ": "
            + i.home()
            + ": "
            + i.describe()
            + ". "
            + requirement.product()
            + " runs on "
            + requirement.runsOn()
            + ".\n"
            + howToSet());
  }

  private static JavaHome found(Inspection i, String source) {
    return new JavaHome(i.home(), i.executable(), i.feature(), i.version(), source);
  }

  private Inspection inspect(Path home) {
    if (!Files.isDirectory(home)) {
      return new Inspection(
          home, 0, null, null, Files.exists(home) ? "not a directory" : "does not exist");
    }
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return new Inspection(home, 0, null, null, "no 'release' file, not a Java home");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return new Inspection(home, 0, null, null, "unreadable 'release' file: " + e.getMessage());
    }
    String version = unquote(p.getProperty("JAVA_VERSION"));
    if (version == null || version.isEmpty()) {
      return new Inspection(home, 0, null, null, "'release' file has no JAVA_VERSION");
    }
    int feature = feature(version);
    if (!requirement.supports(feature)) {
      return new Inspection(
          home, feature, version, null, "Java " + version + requirement.whyNot(feature));
    }
    return inspectExecutable(home, feature, version);
  }

  private static Inspection inspectExecutable(Path home, int feature, String version) {
    for (String name : List.of("bin/java", "bin/java.exe")) {
      Path exe = home.resolve(name);
      if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
        return new Inspection(home, feature, version, exe, null);
      }
    }
    return new Inspection(
        home, feature, version, null, "Java " + version + " but no executable bin/java");
  }

  /**
   * The feature release of a version string: {@code 17.0.15} is 17, {@code 1.8.0_392} is 8; 0 if
   * unparsable.
   */
  static int feature(String version) {
    String v = version.trim();
    if (v.startsWith("1.")) v = v.substring(2);
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
    if (end == 0) return 0;
    try {
      return Integer.parseInt(v.substring(0, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int compareVersions(String a, String b) {
    try {
      return Runtime.Version.parse(a).compareTo(Runtime.Version.parse(b));
    } catch (IllegalArgumentException e) {
      return a.compareTo(b);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      // De-duplicate symbolic links to the same home (e.g. java-1.17.0-openjdk-amd64 ->
      // java-17-openjdk-amd64), keeping the entry that is the real directory.
      List<Path> entries =
          s.sorted(
                  Comparator.comparing((Path p) -> Files.isSymbolicLink(p))
                      .thenComparing(Path::toString))
              .toList();
      List<Path> unique = new ArrayList<>();
      Set<Path> seen = new HashSet<>();
      for (Path e : entries) {
        Path real;
        try {
          real = e.toRealPath();
        } catch (IOException ex) {
          real = e;
        }
        if (seen.add(real)) unique.add(e);
      }
      unique.sort(Comparator.comparing(Path::toString));
      return unique;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String unquote(String s) {
    if (s == null) return null;
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\""))
      t = t.substring(1, t.length() - 1);
    return t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
