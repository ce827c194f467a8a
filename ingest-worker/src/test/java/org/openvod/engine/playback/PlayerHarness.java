package org.openvod.engine.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays URLs in real players (hls.js, dash.js, Shaka Player in headless Chromium) through the node
 * harness in {@code players/}: runs {@code players/install.sh} once per JVM, then one {@code node
 * players/play.mjs} per play, and parses the JSON line it prints.
 *
 * <p>Plays may run concurrently ({@link #playAsync}); {@code -Dopenvod.players.parallel} caps how
 * many browsers run at once (default 2, one per core here).
 */
final class PlayerHarness {

  /**
   * Media plays at twice real time: the suite waits half as long, and every frame is still fetched,
   * demuxed and decoded by the player and Chromium.
   */
  static final double PLAYBACK_RATE = 2;

  private static final Object INSTALL_LOCK = new Object();
  private static Path installedDir;
  private static ExecutorService executor;

  private final Path playersDir;

  private PlayerHarness(Path playersDir) {
    this.playersDir = playersDir;
  }

  /** The harness, installed (Chromium, npm ci) on first use in this JVM. */
  static PlayerHarness installed() {
    synchronized (INSTALL_LOCK) {
      if (installedDir == null) {
        Path dir = locatePlayersDir();
        runInstall(dir);
        installedDir = dir;
        int parallel = Integer.getInteger("openvod.players.parallel", 2);
        executor =
            Executors.newFixedThreadPool(
                parallel,
                r -> {
                  Thread t = new Thread(r, "player-harness");
                  t.setDaemon(true);
                  return t;
                });
      }
      return new PlayerHarness(installedDir);
    }
  }

  /** Plays {@code url} until {@code seconds} of media played; optionally forces switches. */
  PlayResult play(Player player, URI url, double seconds, boolean forceSwitches) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(playersDir.resolve("play.mjs").toString());
    command.add("--player");
    command.add(player.cliName());
    command.add("--url");
    command.add(url.toString());
    command.add("--seconds");
    command.add(String.valueOf(seconds));
    command.add("--rate");
    command.add(String.valueOf(PLAYBACK_RATE));
    if (forceSwitches) {
      command.add("--switch");
    }
    try {
      Path stderr = Files.createTempFile("play-", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        // play.mjs bounds itself (--timeout 40); this only guards against a hung node.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("play.mjs did not end: " + command);
        }
        String line = lastLine(out);
        if (line.isEmpty()) {
          throw new IllegalStateException(
              "play.mjs printed nothing (exit "
                  + process.exitValue()
                  + "): "
                  + Files.readString(stderr));
        }
        PlayResult result = PlayResult.fromJson(line);
        // One line per play in the build log: what played where, and how long it took.
        System.out.printf(
            "[playback] %-6s %-5s %5d ms %s%s%s%n",
            player.cliName(),
            result.ok() ? "ok" : "FAIL",
            result.elapsedMs(),
            url,
            result.ok() ? "" : " (" + result.reason() + ")",
            result.warnings().isEmpty()
                ? ""
                : " " + result.warnings().size() + " warnings, first: " + result.warnings().get(0));
        if (result.ok() != (process.exitValue() == 0)) {
          throw new IllegalStateException(
              "play.mjs exit code " + process.exitValue() + " contradicts its JSON: " + line);
        }
        return result;
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while playing " + url, e);
    }
  }

  /** {@link #play} on the harness's pool, so several browsers play at once. */
  CompletableFuture<PlayResult> playAsync(
      Player player, URI url, double seconds, boolean forceSwitches) {
    return CompletableFuture.supplyAsync(() -> play(player, url, seconds, forceSwitches), executor);
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** {@code -Dopenvod.players.dir}, else the {@code players} folder of the checkout. */
  private static Path locatePlayersDir() {
    String configured = System.getProperty("openvod.players.dir");
    if (configured != null) {
      return Paths.get(configured).toAbsolutePath();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("players/play.mjs"))) {
        return dir.resolve("players");
      }
    }
    throw new IllegalStateException("no players/play.mjs above " + Paths.get("").toAbsolutePath());
  }

  private static void runInstall(Path dir) {
    try {
      Path log = Files.createTempFile("players-install-", ".log");
      try {
        Process process =
            new ProcessBuilder("bash", dir.resolve("install.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException("players/install.sh took over 15 minutes");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              "players/install.sh failed (exit "
                  + process.exitValue()
                  + "):\n"
                  + Files.readString(log));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the players", e);
    }
  }
}
