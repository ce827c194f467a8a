package org.openvod.deploy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the platform with its output appended to its own log file. Children run in a
 * session of their own (setsid) so a Ctrl-C in the terminal reaches only the launcher, which then
 * stops them in order instead of all at once.
 */
public final class ChildProcess {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final Process process;
  private final Path log;
  private volatile boolean stopping;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with the launcher's environment plus {@code env}. */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path log) {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "==== vod: starting " + name + " at " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(full);
      builder.environment().putAll(env);
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      return new ChildProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new LaunchException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True once {@link #stop} was called, so an exit is expected rather than a crash. */
  public boolean stopping() {
    return stopping;
  }

  public Process process() {
    return process;
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new LaunchException(
            name + " did not finish within " + timeout.toSeconds() + " s; see its log: " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while waiting for " + name);
    }
  }

  /** Sends SIGTERM without waiting, so several children can wind down side by side. */
  public void signalStop() {
    stopping = true;
    if (process.isAlive()) {
      process.destroy();
    }
  }

  /**
   * SIGTERM, then SIGKILL if it has not ended within {@code grace}. Returns true if it was clean.
   */
  public boolean stop(Duration grace) {
    signalStop();
    if (!process.isAlive()) {
      return true;
    }
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  /** "exited with code 1; its log: ..." plus the log's last lines, for error messages. */
  public String deathReport() {
    String code =
        process.isAlive() ? "is still running" : "exited with code " + process.exitValue();
    return name + " " + code + "; its log: " + log + "\n" + tail(15);
  }

  /** The last {@code lines} lines of the log, indented. */
  public String tail(int lines) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - 8192);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
      StringBuilder out = new StringBuilder();
      for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
        out.append("    | ").append(line).append('\n');
      }
      return out.toString();
    } catch (IOException e) {
      return "    (log not readable: " + e.getMessage() + ")\n";
    }
  }
}
