package org.openvod.deploy;

import java.io.PrintStream;
import java.net.URI;
import java.util.OptionalLong;

/** {@code ./vod status}: who holds the data directory and which endpoints answer. */
public final class StatusCommand {

  private final Settings settings;
  private final PrintStream out;

  public StatusCommand(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public int run() {
    OptionalLong pid = DataDirLock.ownerPid(settings.dataDir());
    out.println(
        pid.isPresent()
            ? "launcher         running, pid " + pid.getAsLong()
            : "launcher         not running");
    line("kafka", settings.kafkaBootstrap(), Ports.accepts(settings.kafkaPort()));
    line("s3", settings.s3Endpoint(), Ports.accepts(settings.s3Port()));
    line(
        "key server",
        settings.keysSpekeUrl() + " and http://127.0.0.1:" + settings.keysPort(),
        Readiness.healthy(URI.create("http://127.0.0.1:" + settings.keysPort() + "/health")));
    boolean allUp = pid.isPresent();
    for (Service service : Service.values()) {
      int port = service.port(settings);
      boolean up = Readiness.healthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
      allUp &= up;
      line(service.module(), "http://127.0.0.1:" + port, up);
    }
    out.println("data             " + settings.dataDir());
    return allUp ? 0 : 3;
  }

  private void line(String name, String where, boolean up) {
    out.printf("%-16s %-8s %s%n", name, up ? "up" : "down", where);
  }
}
