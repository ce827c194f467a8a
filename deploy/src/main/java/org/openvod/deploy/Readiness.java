package org.openvod.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a child answers, and fails fast (naming its log) when the child dies instead. */
public final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  public static void waitForPort(ChildProcess child, int port, Duration timeout) {
    waitFor(child, timeout, "port " + port, () -> Ports.accepts(port));
  }

  /**
   * Waits for {@code /actuator/health} to say 200 (UP). A service without actuator (404) counts as
   * ready once it answers HTTP at all.
   */
  public static void waitForHealth(ChildProcess child, int port, Duration timeout) {
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    waitFor(child, timeout, health.toString(), () -> healthy(health));
  }

  static boolean healthy(URI health) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 || response.statusCode() == 404;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void waitFor(ChildProcess child, Duration timeout, String what, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (child.stopping()) {
        throw new LaunchException("stopped while starting"); // Ctrl-C: not the child's fault
      }
      if (!child.isAlive()) {
        throw new LaunchException(
            child.name() + " died while starting: " + child.deathReport().stripTrailing());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new LaunchException(
            child.name()
                + " is running but "
                + what
                + " did not answer within "
                + timeout.toSeconds()
                + " s; its log: "
                + child.log()
                + "\n"
                + child.tail(15).stripTrailing());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LaunchException("interrupted while waiting for " + child.name());
      }
    }
  }
}
