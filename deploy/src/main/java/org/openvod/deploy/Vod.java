package org.openvod.deploy;

import java.nio.file.Path;
import java.util.Map;

/** {@code ./vod up|demo|down|status}: the local launcher. See README.md. */
public final class Vod {

  private Vod() {}

  public static void main(String[] args) {
    // The launcher's own Kafka and AWS clients would otherwise fill the terminal with INFO lines.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    String command = args.length == 0 ? "help" : args[0];
    Map<String, String> env = System.getenv();
    try {
      Settings settings = Settings.from(env, home(env));
      int code =
          switch (command) {
            case "up" -> new UpCommand(settings, System.out).run();
            case "demo" -> new DemoCommand(settings, System.out).run();
            case "down" -> new DownCommand(settings, System.out).run();
            case "status" -> new StatusCommand(settings, System.out).run();
            default -> {
              System.err.println("usage: ./vod up|demo|down|status|test");
              yield 2;
            }
          };
      System.exit(code);
    } catch (LaunchException e) {
      System.err.println("vod " + command + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** The checkout: VOD_HOME, else the working directory (the vod script runs from the checkout). */
  static Path home(Map<String, String> env) {
    String home = env.get("VOD_HOME");
    return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
  }
}
