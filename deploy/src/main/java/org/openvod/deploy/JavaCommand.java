package org.openvod.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs, run with the same Java as the launcher. */
public final class JavaCommand {

  /**
   * Modest heaps so Kafka, S3 and three services fit a small machine; the serial collector keeps
   * each JVM's footprint and thread count low.
   */
  static final List<String> SMALL_JVM =
      List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

  private JavaCommand() {}

  /** {@link #SMALL_JVM} followed by VOD_CHILD_JAVA_OPTS, whose options win (e.g. -Xmx1g). */
  public static List<String> options(Settings settings, String... extra) {
    List<String> options = new ArrayList<>(SMALL_JVM);
    options.addAll(List.of(extra));
    options.addAll(settings.childJavaOptions());
    return options;
  }

  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java <options> -Dvod.data.dir=<dir> <mainClass> <args>}; the caller puts the classpath
   * in the CLASSPATH variable, which keeps the command line short enough to read in ps. The data
   * dir marker lets a later launcher recognise its orphans.
   */
  public static List<String> mainClass(
      Path dataDir, List<String> options, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(options);
    command.add("-Dvod.data.dir=" + dataDir);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** {@code java <options> -Dvod.data.dir=<dir> -jar <jar>}. */
  public static List<String> jar(Path dataDir, List<String> options, Path jar) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(options);
    command.add("-Dvod.data.dir=" + dataDir);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** The launcher's own classpath: deploy's dependencies hold Kafka's and S3Proxy's jars. */
  public static String launcherClasspath() {
    return System.getProperty("java.class.path");
  }
}
