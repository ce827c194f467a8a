package org.openvod.deploy;

import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code ./vod down}: asks the running launcher (SIGTERM) to stop the platform, and waits. */
public final class DownCommand {

  private final Settings settings;
  private final PrintStream out;

  public DownCommand(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public int run() {
    OptionalLong pid = DataDirLock.ownerPid(settings.dataDir());
    Optional<ProcessHandle> launcher =
        pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
    if (launcher.isEmpty() || !launcher.get().isAlive()) {
      out.println("vod: the platform is not running (data in " + settings.dataDir() + ")");
      return 0;
    }
    out.println("vod: stopping the launcher (pid " + pid.getAsLong() + ")...");
    launcher.get().destroy();
    try {
      launcher.get().onExit().get(150, TimeUnit.SECONDS);
      out.println("vod: stopped");
      return 0;
    } catch (TimeoutException e) {
      out.println("vod: the launcher did not stop within 150 s; see " + settings.logDir());
      return 1;
    } catch (Exception e) {
      out.println("vod: " + e.getMessage());
      return 1;
    }
  }
}
