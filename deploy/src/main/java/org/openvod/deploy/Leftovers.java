package org.openvod.deploy;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Children of a launcher that was killed outright (kill -9) keep running and hold the ports. Every
 * child carries {@code -Dvod.data.dir=<dir>}, so the next launcher of that directory, which holds
 * the lock and therefore knows the old launcher is gone, can find and stop them.
 */
public final class Leftovers {

  private Leftovers() {}

  public static List<ProcessHandle> find(java.nio.file.Path dataDir) {
    String marker = "-Dvod.data.dir=" + dataDir;
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(
            p -> {
              Optional<String[]> args = p.info().arguments();
              return args.isPresent() && Arrays.asList(args.get()).contains(marker);
            })
        .toList();
  }

  /** Stops what {@link #find} returns; call only while holding the data directory's lock. */
  public static void stop(java.nio.file.Path dataDir, PrintStream out) {
    List<ProcessHandle> leftovers = find(dataDir);
    if (leftovers.isEmpty()) {
      return;
    }
    out.printf(
        "vod: stopping %d process(es) left over from a launcher that was killed: pid %s%n",
        leftovers.size(), leftovers.stream().map(p -> Long.toString(p.pid())).toList());
    // the same order as a clean stop: services (run with -jar) before S3 and Kafka
    stopAll(leftovers.stream().filter(Leftovers::isService).toList());
    stopAll(leftovers.stream().filter(p -> !isService(p)).toList());
  }

  private static boolean isService(ProcessHandle p) {
    return p.info().arguments().map(a -> Arrays.asList(a).contains("-jar")).orElse(false);
  }

  private static void stopAll(List<ProcessHandle> processes) {
    processes.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : processes) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }
}
