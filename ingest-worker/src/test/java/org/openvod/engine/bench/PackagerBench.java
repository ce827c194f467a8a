package org.openvod.engine.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.openvod.engine.Packager;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;

/**
 * Times {@link Packager} packaging an HLS-TS source into HLS-TS, for bench/engine/run.sh (not a
 * test). Arguments: source folder, root playlist, output folder, runs. Prints one line per run:
 * {@code run <n> <milliseconds>}.
 */
public final class PackagerBench {

  private PackagerBench() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    String root = args[1];
    Path out = Path.of(args[2]);
    int runs = Integer.parseInt(args[3]);
    for (int run = 1; run <= runs; run++) {
      DirectorySink sink = new DirectorySink(out.resolve("run" + run));
      OutputSpec spec = OutputSpec.of("bench", OutputFormat.HLS_TS, 6, sink);
      long start = System.nanoTime();
      List<OutputResult> results =
          Packager.run(
              new FileSourceLocator(source),
              root,
              List.of(spec),
              ProgressListener.NONE,
              Instant.EPOCH);
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!results.get(0).succeeded()) {
        throw new IllegalStateException(results.get(0).error());
      }
      System.out.println("run " + run + " " + millis);
    }
  }
}
