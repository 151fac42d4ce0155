package io.acta.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starting a server's child JVM: its argument file and its process. */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Writes {@code options} to {@code file} as a Java argument file ({@code java @file}): one quoted
   * argument a line, which keeps a class path of dozens of jars off the command line (and out of
   * {@code ps}).
   *
   * @return {@code file}
   */
  public static Path writeArgFile(Path file, List<String> options) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String o : options) {
      sb.append('"').append(o.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A process builder for {@code java @argFile <mainAndArgs...>} in {@code directory}, its stdout
   * and stderr appended to {@code log}, and its stdin a pipe from this JVM, whose end-of-file tells
   * {@link ServerMain} that this JVM is gone. The Java options variables of this JVM's environment
   * are dropped so that only the argument file decides the child's options.
   */
  public static ProcessBuilder processBuilder(
      JavaHomeLocator.JavaHome java,
      Path argFile,
      List<String> mainAndArgs,
      Path directory,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(java.executable().toString());
    command.add("@" + argFile);
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(directory.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = pb.environment();
    for (String v : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH"))
      env.remove(v);
    env.put("JAVA_HOME", java.home().toString());
    // glibc's default of 8 arenas a core inflates a small server's resident memory.
    env.putIfAbsent("MALLOC_ARENA_MAX", "4");
    return pb;
  }
}
