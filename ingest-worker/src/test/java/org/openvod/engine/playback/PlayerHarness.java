package org.openvod.engine.playback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays URLs in real players (hls.js, dash.js, Shaka Player in headless Chromium) through the node
 * harness in {@code players/}. On first use in a JVM it runs {@code players/install.sh}, then
 * starts one {@code node players/play.mjs --serve}: one browser for the whole suite, a fresh
 * browser context per play, up to {@code -Dopenvod.players.parallel} (default 2, one per core here)
 * plays at once. Requests and results are JSON lines matched by id.
 */
final class PlayerHarness {

  /**
   * Media plays at twice real time: the suite waits half as long, and every frame is still fetched,
   * demuxed and decoded by the player and Chromium.
   */
  static final double PLAYBACK_RATE = 2;

  private static PlayerHarness instance;

  private final Process process;
  private final Path stderr;
  private final OutputStream requests;
  private final Map<Long, CompletableFuture<PlayResult>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private PlayerHarness(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.requests = process.getOutputStream();
    Thread reader = new Thread(this::readResults, "player-harness-results");
    reader.setDaemon(true);
    reader.start();
  }

  /** The harness, installed (Chromium, npm ci) and started on first use in this JVM. */
  static synchronized PlayerHarness installed() {
    if (instance == null || !instance.process.isAlive()) {
      Path dir = locatePlayersDir();
      runInstall(dir);
      instance = start(dir, Integer.getInteger("openvod.players.parallel", 2));
    }
    return instance;
  }

  /**
   * Plays {@code url} until {@code seconds} of media played (at {@link #PLAYBACK_RATE}); with
   * {@code forceSwitches}, then forces the lowest and the highest video rendition.
   */
  CompletableFuture<PlayResult> playAsync(
      Player player, URI url, double seconds, boolean forceSwitches) {
    return playAsync(player, url, seconds, forceSwitches, Map.of());
  }

  /**
   * Like {@link #playAsync(Player, URI, double, boolean)} for an encrypted stream: the players get
   * {@code clearKeys} (key id hex to key hex) for W3C Clear Key.
   */
  CompletableFuture<PlayResult> playAsync(
      Player player,
      URI url,
      double seconds,
      boolean forceSwitches,
      Map<String, String> clearKeys) {
    return playAsync(player, url, seconds, forceSwitches, clearKeys, false);
  }

  /**
   * Like {@link #playAsync(Player, URI, double, boolean, Map)}; with {@code text}, the player turns
   * its first text track on, the result's JSON lists the player's {@code textTracks} and the {@code
   * cues} it put on the video element, and it is ok only with at least one of each.
   */
  CompletableFuture<PlayResult> playAsync(
      Player player,
      URI url,
      double seconds,
      boolean forceSwitches,
      Map<String, String> clearKeys,
      boolean text) {
    return playAsync(player, url, seconds, forceSwitches, clearKeys, text, false);
  }

  /**
   * Like {@link #playAsync(Player, URI, double, boolean)}, then seeks to 3 s before the end and
   * plays to the end: ok only when the stream ends (the media element's {@code ended}).
   */
  CompletableFuture<PlayResult> playToEndAsync(
      Player player, URI url, double seconds, boolean forceSwitches) {
    return playAsync(player, url, seconds, forceSwitches, Map.of(), false, true);
  }

  private CompletableFuture<PlayResult> playAsync(
      Player player,
      URI url,
      double seconds,
      boolean forceSwitches,
      Map<String, String> clearKeys,
      boolean text,
      boolean toEnd) {
    StringBuilder keys = new StringBuilder("{");
    for (Map.Entry<String, String> e : clearKeys.entrySet()) {
      keys.append(keys.length() > 1 ? "," : "")
          .append(quote(e.getKey()))
          .append(':')
          .append(quote(e.getValue()));
    }
    keys.append('}');
    long id = ids.incrementAndGet();
    CompletableFuture<PlayResult> result = new CompletableFuture<>();
    pending.put(id, result);
    String request =
        "{\"id\":"
            + id
            + ",\"player\":"
            + quote(player.cliName())
            + ",\"url\":"
            + quote(url.toString())
            + ",\"seconds\":"
            + seconds
            + ",\"rate\":"
            + PLAYBACK_RATE
            + ",\"switch\":"
            + forceSwitches
            + ",\"clearKeys\":"
            + keys
            + (text ? ",\"text\":true" : "")
            + (toEnd ? ",\"end\":true" : "")
            + "}\n";
    try {
      synchronized (requests) {
        requests.write(request.getBytes(StandardCharsets.UTF_8));
        requests.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      result.completeExceptionally(
          new IllegalStateException("play.mjs --serve is gone: " + stderrTail(), e));
    }
    // play.mjs bounds each play itself (40 s, 10 s without progress); this guards a hung node.
    return result.orTimeout(3, TimeUnit.MINUTES);
  }

  PlayResult play(Player player, URI url, double seconds, boolean forceSwitches) {
    return playAsync(player, url, seconds, forceSwitches).join();
  }

  private void readResults() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          deliver(line.strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through: fail whatever is still waiting
    }
    IllegalStateException gone =
        new IllegalStateException("play.mjs --serve ended: " + stderrTail());
    pending.values().forEach(f -> f.completeExceptionally(gone));
    pending.clear();
  }

  private void deliver(String line) {
    Object parsed = MiniJson.parse(line);
    Object id = parsed instanceof Map<?, ?> map ? map.get("id") : null;
    CompletableFuture<PlayResult> future =
        id instanceof Double d ? pending.remove(d.longValue()) : null;
    if (future == null) {
      System.err.println("[playback] result for no request: " + line);
      return;
    }
    try {
      PlayResult result = PlayResult.fromJson(line);
      log(result);
      future.complete(result);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }

  /** One line per play in the build log: what played where, and how long it took. */
  private static void log(PlayResult result) {
    System.out.printf(
        "[playback] %-6s %-5s %5d ms %s%s%s%n",
        result.player(),
        result.ok() ? "ok" : "FAIL",
        result.elapsedMs(),
        result.url(),
        result.ok() ? "" : " (" + result.reason() + ")",
        result.warnings().isEmpty()
            ? ""
            : " " + result.warnings().size() + " warnings, first: " + result.warnings().get(0));
  }

  private String stderrTail() {
    try {
      String text = Files.readString(stderr);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }

  private static PlayerHarness start(Path dir, int parallel) {
    try {
      Path stderr = Files.createTempFile("play-serve-", ".err");
      stderr.toFile().deleteOnExit();
      Process process =
          new ProcessBuilder(
                  "node",
                  dir.resolve("play.mjs").toString(),
                  "--serve",
                  "--parallel",
                  String.valueOf(parallel))
              .redirectError(stderr.toFile())
              .start();
      PlayerHarness harness = new PlayerHarness(process, stderr);
      // Closing stdin lets play.mjs finish and close Chromium; then make sure it is gone.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      harness.requests.close();
                      if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                      }
                    } catch (IOException | InterruptedException e) {
                      process.destroyForcibly();
                    }
                  }));
      return harness;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
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
