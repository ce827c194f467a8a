package org.openvod.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import org.openvod.engine.Packager;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.output.FileParts;
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
 * An output is a format, or a format and an encryption mode ({@code HLS_TS+AES_128}, {@code
 * HLS_TS+SAMPLE_AES}, {@code CMAF+CBCS}, {@code DASH+CENC}, {@code MSS+CENC}) encrypted with the
 * fixed {@link #KEY_HEX} / {@link #KID_HEX}; the HLS key URI is {@code key.bin}, which is written
 * next to each encrypted output's manifest so that ffmpeg can read it back.
 *
 * <p>With the environment variable {@code WARM=n} it first makes n untimed passes (into OUT_DIR.warm,
 * deleted before the timed pass), {@code WARM=auto} until the JIT compiled for less than a tenth of
 * a pass: the figure for a long-running worker, whose JIT has compiled the engine already. {@code
 * NOWRITE=1} makes the outputs without writing them; {@code PAUSE=ms} waits that long before the
 * timed pass, so that a profiler ({@code perf record -p}) can attach for it alone. The last line
 * gives the timed pass's wall time, bytes written, process and demuxer-thread CPU and peak heap.
 *
 * <p>Writes each output under OUT_DIR/&lt;output&gt;/ ('+' becomes '-'), prints one line per
 * output ("ok OUTPUT manifest" or "failed OUTPUT error") and exits 1 when any output failed.
 */
public final class EngineBench {

  static final String KEY_HEX = "00112233445566778899aabbccddeeff";
  static final String KID_HEX = "0123456789abcdef0123456789abcdef";
  private static final UUID CLEAR_KEY_SYSTEM =
      UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");
  private static final UUID PLAYREADY_SYSTEM =
      UUID.fromString("9a04f079-9840-4286-ab92-e65be0885f95");

  /**
   * NOWRITE=1: outputs are made but not written to disk, to see the engine's own time apart from
   * the file system's (an ALL pass writes about 3.7 times the bytes of one format).
   */
  private static final boolean NO_WRITE = "1".equals(System.getenv("NOWRITE"));

  /** WARM=auto stops after this many untimed passes even if the JIT is still busy. */
  private static final int MAX_WARM_PASSES = 20;

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: EngineBench SRC_DIR ROOT_FILE OUT_DIR HLS_TS,CMAF,DASH,MSS");
      System.exit(2);
    }
    Path out = Path.of(args[2]);
    AtomicLong written = new AtomicLong();
    List<String> names = new ArrayList<>();
    for (String name : args[3].split(",")) {
      names.add(name.trim());
    }
    // WARM=n: n untimed passes first, as a long-running ingest worker has made before this asset,
    // so the timed pass runs JIT-compiled code. They write into a folder of their own, deleted
    // before the timed pass, which creates new files as ffmpeg's pass does (rewriting files in place
    // would also time freeing their old pages)
    String warm = System.getenv().getOrDefault("WARM", "0");
    Path warmOut = out.resolveSibling(out.getFileName() + ".warm");
    List<OutputSpec> warmSpecs = specs(warmOut, names, new AtomicLong());
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    int passes = 0;
    while (warm.equals("auto") ? passes < MAX_WARM_PASSES : passes < Integer.parseInt(warm)) {
      long compiledBefore = jit.getTotalCompilationTime();
      long passStart = System.nanoTime();
      Packager.run(new FileSourceLocator(Path.of(args[0])), args[1], warmSpecs, null);
      long passMs = (System.nanoTime() - passStart) / 1_000_000;
      long compileMs = jit.getTotalCompilationTime() - compiledBefore;
      passes++;
      System.out.println("warm_pass " + passes + " ms " + passMs + " jit_ms " + compileMs);
      // WARM=auto: until the JIT has settled, i.e. it compiled for less than a tenth of a pass
      if (warm.equals("auto") && passes >= 2 && compileMs * 10 < passMs) {
        break;
      }
    }
    deleteTree(warmOut);
    List<OutputSpec> specs = specs(out, names, written);
    if (System.getenv("PAUSE") != null) {
      System.out.println("pausing");
      System.out.flush();
      Thread.sleep(Long.parseLong(System.getenv("PAUSE")));
    }
    written.set(0);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = os.getProcessCpuTime();
    long demuxStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(Path.of(args[0])), args[1], specs, null);
    long ms = (System.nanoTime() - start) / 1_000_000;
    // CPU of the whole process (every thread, GC and JIT included) and of this thread, which runs
    // the demuxer: with 2 cores, wall time is at least the larger of demux and half the total
    long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
    long demuxMs = (threads.getCurrentThreadCpuTime() - demuxStart) / 1_000_000;
    boolean failed = false;
    for (int i = 0; i < results.size(); i++) {
      OutputResult r = results.get(i);
      String format = names.get(i).replace('+', '-');
      if (r.succeeded()) {
        System.out.println("ok " + format + " " + format + "/" + r.manifestPaths().get(0));
      } else {
        failed = true;
        System.out.println("failed " + format + " " + r.error());
      }
    }
    System.out.println(
        "packager_ms "
            + ms
            + " bytes_written "
            + written.get()
            + " cpu_ms "
            + cpuMs
            + " demux_thread_cpu_ms "
            + demuxMs
            + " heap_peak_mb "
            + heapPeakMb());
    System.exit(failed ? 1 : 0);
  }

  /**
   * The largest heap use the JVM saw (each heap pool's peak, summed: an upper bound, as the pools
   * peak at different moments). The -Xmx64m pass of run.sh shows what the engine really needs.
   */
  private static long heapPeakMb() {
    long bytes = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /** One spec per output name (KIND or KIND+MODE), each writing under root/KIND[-MODE]/. */
  private static List<OutputSpec> specs(Path root, List<String> names, AtomicLong written)
      throws IOException {
    List<OutputSpec> specs = new ArrayList<>();
    for (String name : names) {
      String[] parts = name.split("\\+");
      OutputFormat format = OutputFormat.valueOf(parts[0]);
      EncryptionMode mode = parts.length > 1 ? EncryptionMode.valueOf(parts[1]) : null;
      Path dir = root.resolve(name.replace('+', '-'));
      OutputSpec spec = spec(format, new DiskSink(dir, written));
      if (mode != null) {
        spec = encrypted(spec, mode);
        Files.createDirectories(dir);
        Files.write(dir.resolve("key.bin"), java.util.HexFormat.of().parseHex(KEY_HEX));
      }
      specs.add(spec);
    }
    return specs;
  }

  /**
   * Deletes a folder with rm, not with Java: walking and sorting paths in this JVM right before the
   * timed pass would have the JIT compiling that code (and recompiling what it shares) during it.
   */
  private static void deleteTree(Path root) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IOException("rm -rf " + root + " exited with " + exit);
    }
  }

  /** Segment lengths of the benchmark: 6 s for the HLS kinds, 2 s for DASH and MSS. */
  private static OutputSpec spec(OutputFormat format, OutputSink sink) {
    int seconds = format == OutputFormat.HLS_TS || format == OutputFormat.CMAF ? 6 : 2;
    return OutputSpec.of(format.name(), format, seconds, sink);
  }

  private static OutputSpec encrypted(OutputSpec clear, EncryptionMode mode) {
    // a pssh-less Clear Key signal: what a SPEKE key server gives minus the pssh box, which the
    // benchmark does not need (it reads back with -decryption_key); MSS needs a PlayReady header,
    // and a made-up one does here (nothing plays MSS in the benchmark)
    DrmSignal signal = new DrmSignal(CLEAR_KEY_SYSTEM, null, null, "key.bin", null, null, null);
    String header =
        "<WRMHEADER version=\"4.0.0.0\"><DATA><KID>" + KID_HEX + "</KID></DATA></WRMHEADER>";
    DrmSignal playReady =
        new DrmSignal(
            PLAYREADY_SYSTEM,
            null,
            null,
            null,
            null,
            null,
            java.util.Base64.getEncoder()
                .encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
    ProtectionKey key =
        new ProtectionKey(ContentKey.ofHex(KID_HEX, KEY_HEX, null), List.of(signal, playReady));
    // SAMPLE-AES with a constant IV: ffmpeg 5.1, which checks the output, applies a rotating IV
    // one frame late at each segment boundary (our rotating-IV output plays in hls.js)
    byte[] iv = mode == EncryptionMode.SAMPLE_AES ? java.util.HexFormat.of().parseHex(KID_HEX) : null;
    return clear.withEncryption(new EncryptionSpec(mode, KeyAssignment.single(key), iv));
  }


  /**
   * Writes each file under one folder, creating sub-folders as paths need them, through one reused
   * 1 MiB native buffer per writing thread (ffmpeg's avio writes from a reused 32 KiB one). Writing
   * the heap arrays directly would not spare a copy: the JDK copies a heap array into a temporary
   * native buffer first, a new one (fresh memory, page faults) whenever a larger part comes; and
   * {@code Files.write} cuts a file into 8 KiB writes, about 25,000 system calls per 200 MB output.
   * All of that is the harness's cost, not the engine's.
   */
  private record DiskSink(Path root, AtomicLong written, java.util.Set<Path> folders)
      implements OutputSink {
    DiskSink(Path root, AtomicLong written) {
      this(root, written, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    private static final ThreadLocal<ByteBuffer> CHUNK =
        ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

    @Override
    public void put(String path, byte[] data, String contentType) throws IOException {
      write(path, List.of(data));
    }

    @Override
    public void putParts(String path, FileParts parts, String contentType) throws IOException {
      write(path, parts.parts());
    }

    private void write(String path, List<byte[]> parts) throws IOException {
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root)) {
        throw new IOException(path + ": leaves the output folder");
      }
      ByteBuffer[] buffers = new ByteBuffer[parts.size()];
      long length = 0;
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = ByteBuffer.wrap(parts.get(i));
        length += buffers[i].remaining();
      }
      written.addAndGet(length);
      if (NO_WRITE) {
        return;
      }
      Path folder = file.getParent();
      // Files.createDirectories makes (and throws away) an exception when the folder exists
      if (folders.add(folder)) {
        Files.createDirectories(folder);
      }
      try (FileChannel out =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer chunk = CHUNK.get();
        chunk.clear();
        for (ByteBuffer part : buffers) {
          while (part.hasRemaining()) {
            int n = Math.min(chunk.remaining(), part.remaining());
            chunk.put(chunk.position(), part, part.position(), n);
            chunk.position(chunk.position() + n);
            part.position(part.position() + n);
            if (!chunk.hasRemaining()) {
              drain(out, chunk);
            }
          }
        }
        drain(out, chunk);
      }
    }

    private static void drain(FileChannel out, ByteBuffer chunk) throws IOException {
      chunk.flip();
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
      chunk.clear();
    }
  }
}
