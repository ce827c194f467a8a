package org.openvod.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openvod.engine.Packager;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.source.FileSourceLocator;

/**
 * One packaging pass through the engine's facade, from a local source folder to local files, as the
 * benchmark times it (one JVM per pass, like one ffmpeg process per pass).
 *
 * <pre>java -cp ingest-worker classes:this EngineBench SRC_DIR ROOT_FILE OUT_DIR HLS_TS,CMAF,...</pre>
 *
 * Writes each output under OUT_DIR/&lt;format&gt;/, prints one line per output ("ok FORMAT
 * manifest" or "failed FORMAT error") and exits 1 when any output failed.
 */
public final class EngineBench {

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: EngineBench SRC_DIR ROOT_FILE OUT_DIR HLS_TS,CMAF,DASH,MSS");
      System.exit(2);
    }
    Path out = Path.of(args[2]);
    AtomicLong written = new AtomicLong();
    List<OutputSpec> specs = new ArrayList<>();
    for (String name : args[3].split(",")) {
      OutputFormat format = OutputFormat.valueOf(name.trim());
      specs.add(spec(format, new DiskSink(out.resolve(format.name()), written)));
    }
    long start = System.nanoTime();
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(Path.of(args[0])), args[1], specs, null);
    long ms = (System.nanoTime() - start) / 1_000_000;
    boolean failed = false;
    for (int i = 0; i < results.size(); i++) {
      OutputResult r = results.get(i);
      String format = specs.get(i).format().name();
      if (r.succeeded()) {
        System.out.println("ok " + format + " " + format + "/" + r.manifestPaths().get(0));
      } else {
        failed = true;
        System.out.println("failed " + format + " " + r.error());
      }
    }
    System.out.println("packager_ms " + ms + " bytes_written " + written.get());
    System.exit(failed ? 1 : 0);
  }

  /** Segment lengths of the benchmark: 6 s for the HLS kinds, 2 s for DASH and MSS. */
  private static OutputSpec spec(OutputFormat format, OutputSink sink) {
    int seconds = format == OutputFormat.HLS_TS || format == OutputFormat.CMAF ? 6 : 2;
    return new OutputSpec(
        format.name(),
        format,
        seconds,
        List.of(ManifestSpec.named("index")),
        false,
        false,
        false,
        "NUMBER_WITH_TIMELINE",
        sink);
  }

  /** Writes each file under one folder, creating sub-folders as paths need them. */
  private record DiskSink(Path root, AtomicLong written) implements OutputSink {
    @Override
    public void put(String path, byte[] data, String contentType) throws IOException {
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root)) {
        throw new IOException(path + ": leaves the output folder");
      }
      Files.createDirectories(file.getParent());
      Files.write(file, data);
      written.addAndGet(data.length);
    }
  }
}
