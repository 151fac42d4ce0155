package io.acta.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java file of the repository is formatted as google-java-format formats it (imports sorted,
 * unused ones removed), so that diffs show changes, not style. Run with {@code -Dacta.format=apply}
 * to format the files instead of checking them (see the failure message for the whole command).
 */
class FormattingTest {
  private static final String FIX =
      "mvn -B -ntp test -pl tests -am -Dtest=FormattingTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dacta.format=apply";

  @Test
  void everyJavaFileIsFormatted() throws IOException {
    boolean apply = "apply".equals(System.getProperty("acta.format"));
    Formatter formatter = new Formatter();
    List<String> unformatted = new ArrayList<>();
    List<Path> sources = javaSources(repositoryRoot());
    for (Path file : sources) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      String formatted = format(formatter, file, source);
      if (formatted.equals(source)) continue;
      if (apply) Files.writeString(file, formatted, StandardCharsets.UTF_8);
      else unformatted.add(repositoryRoot().relativize(file).toString());
    }
    assertThat(sources).as("the Java sources found").hasSizeGreaterThan(100);
    assertThat(unformatted)
        .as("files not formatted by google-java-format; fix them with: " + FIX)
        .isEmpty();
  }

  private static String format(Formatter formatter, Path file, String source) {
    try {
      return formatter.formatSourceAndFixImports(source);
    } catch (FormatterException e) {
      throw new AssertionError(file + " cannot be parsed: " + e.getMessage(), e);
    }
  }

  /** The repository's root: the parent of this module's directory, where the test runs. */
  private static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  private static List<Path> javaSources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(
              p ->
                  p.toString().contains("/src/")
                      && !p.toString().contains("/target/")
                      && !p.toString().contains("/data/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
