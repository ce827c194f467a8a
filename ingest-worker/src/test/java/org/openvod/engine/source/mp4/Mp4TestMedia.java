package org.openvod.engine.source.mp4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/**
 * MP4 test sources made with ffmpeg at test time, under the build folder ({@code
 * target-x/mp4-media/}), once per build folder: nothing generated goes into the source tree.
 *
 * <ul>
 *   <li>{@code abr/}: 12 s of 30 fps H.264 (2 s GOPs, B-frames) + 48 kHz stereo AAC in three
 *       renditions 640x360, 480x270 and 320x180 (the first with moov first, the others with moov at
 *       the end), and {@code abr.smil} listing them (audio only from the first)
 *   <li>{@code split/}: a video-only MP4, a French audio-only MP4 and {@code split.smil}
 *   <li>{@code enc/enc.mp4}: CENC-encrypted (ffmpeg's cenc-aes-ctr) and {@code enc.smil}
 *   <li>{@code hevc/hevc.mp4}: 4 s of 320x180 H.265 (hvc1, 2 s GOPs) + AAC, and {@code hevc.smil}
 * </ul>
 */
public final class Mp4TestMedia {

  public static final double DURATION = 12.0;
  public static final int GOP_SECONDS = 2;
  public static final String[] ABR = {"abr_360.mp4", "abr_270.mp4", "abr_180.mp4"};

  private static Path root;

  private Mp4TestMedia() {}

  /** The folder holding every fixture, made on first use. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path build = buildDir();
        Path dir = build.resolve("mp4-media");
        if (!Files.exists(dir.resolve("done-v3"))) {
          Files.createDirectories(dir);
          make(dir);
          Files.writeString(dir.resolve("done-v3"), "ok");
        }
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  public static Path abr() {
    return root().resolve("abr");
  }

  public static Path split() {
    return root().resolve("split");
  }

  public static Path hevc() {
    return root().resolve("hevc");
  }

  /** {@code ac3.mp4} and {@code eac3.mp4}: 4 s of 320x180 H.264 with AC-3 / E-AC-3 5.1. */
  public static Path dolby() {
    return root().resolve("dolby");
  }

  public static Path encrypted() {
    return root().resolve("enc");
  }

  /** target-x/ of this build: the parent of test-classes. */
  public static Path buildDir() {
    try {
      return Path.of(Mp4TestMedia.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void make(Path dir) throws IOException {
    Path abr = Files.createDirectories(dir.resolve("abr"));
    String gop = String.valueOf(30 * GOP_SECONDS);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=30:duration=12",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000:duration=12",
                "-filter_complex",
                "[0:v]split=3[v1][v2][v3];[v2]scale=480:270[v2o];[v3]scale=320:180[v3o];"
                    + "[1:a]pan=stereo|c0=c0|c1=c0,asplit=3[a1][a2][a3]"));
    String[][] variants = {
      {"[v1]", "[a1]", "600k", "+faststart", ABR[0]},
      {"[v2o]", "[a2]", "400k", "", ABR[1]},
      {"[v3o]", "[a3]", "200k", "", ABR[2]}
    };
    for (String[] v : variants) {
      cmd.addAll(
          List.of(
              "-map",
              v[0],
              "-map",
              v[1],
              "-c:v",
              "libx264",
              "-preset",
              "veryfast",
              "-profile:v",
              "main",
              "-pix_fmt",
              "yuv420p",
              "-b:v",
              v[2],
              "-g",
              gop,
              "-keyint_min",
              gop,
              "-sc_threshold",
              "0",
              "-c:a",
              "aac",
              "-b:a",
              "96k",
              "-ar",
              "48000",
              "-ac",
              "2",
              "-metadata:s:a:0",
              "language=eng"));
      if (!v[3].isEmpty()) {
        cmd.addAll(List.of("-movflags", v[3]));
      }
      cmd.add(abr.resolve(v[4]).toString());
    }
    ffmpeg(cmd);
    Files.writeString(
        abr.resolve("abr.smil"),
        """
        <?xml version="1.0" encoding="utf-8"?>
        <smil>
          <body>
            <switch>
              <video src="abr_360.mp4" systemLanguage="eng" audioName="English" includeAudio="true"/>
              <video src="abr_270.mp4" systemLanguage="eng" audioName="English" includeAudio="false"/>
              <video name="abr_180.mp4" language="eng" includeAudio="false"/>
            </switch>
          </body>
        </smil>
        """);
    Path split = Files.createDirectories(dir.resolve("split"));
    ffmpeg(
        List.of(
            "-i",
            abr.resolve(ABR[0]).toString(),
            "-map",
            "0:v",
            "-c",
            "copy",
            split.resolve("video.mp4").toString(),
            "-map",
            "0:a",
            "-c",
            "copy",
            split.resolve("audio.mp4").toString()));
    Files.writeString(
        split.resolve("split.smil"),
        """
        <smil><body><switch>
          <video src="video.mp4"/>
          <video src="./audio.mp4" systemLanguage="fra" audioName="Francais"/>
        </switch></body></smil>
        """);
    Path enc = Files.createDirectories(dir.resolve("enc"));
    ffmpeg(
        List.of(
            "-i",
            abr.resolve(ABR[2]).toString(),
            "-c",
            "copy",
            "-encryption_scheme",
            "cenc-aes-ctr",
            "-encryption_key",
            "00112233445566778899aabbccddeeff",
            "-encryption_kid",
            "ffeeddccbbaa99887766554433221100",
            enc.resolve("enc.mp4").toString()));
    Files.writeString(
        enc.resolve("enc.smil"), "<smil><body><video src=\"enc.mp4\"/></body></smil>");
    Path hevc = Files.createDirectories(dir.resolve("hevc"));
    ffmpeg(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=4",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=4",
            "-c:v",
            "libx265",
            "-preset",
            "ultrafast",
            "-x265-params",
            "log-level=error:keyint=60:min-keyint=60:scenecut=0",
            "-tag:v",
            "hvc1",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            hevc.resolve("hevc.mp4").toString()));
    Files.writeString(
        hevc.resolve("hevc.smil"), "<smil><body><video src=\"hevc.mp4\"/></body></smil>");
    Path dolby = Files.createDirectories(dir.resolve("dolby"));
    for (String codec : List.of("ac3", "eac3")) {
      ffmpeg(
          List.of(
              "-f",
              "lavfi",
              "-i",
              "testsrc2=size=320x180:rate=30:duration=4",
              "-f",
              "lavfi",
              "-i",
              "sine=frequency=440:sample_rate=48000:duration=4",
              "-c:v",
              "libx264",
              "-preset",
              "ultrafast",
              "-g",
              "60",
              "-keyint_min",
              "60",
              "-sc_threshold",
              "0",
              "-pix_fmt",
              "yuv420p",
              "-af",
              "pan=5.1|FL=c0|FR=c0|FC=c0",
              "-c:a",
              codec,
              "-b:a",
              "192k",
              dolby.resolve(codec + ".mp4").toString()));
      Files.writeString(
          dolby.resolve(codec + ".smil"),
          "<smil><body><video src=\"" + codec + ".mp4\" systemLanguage=\"eng\"/></body></smil>");
    }
  }

  /** Runs ffmpeg with the arguments; fails with its stderr when it does not exit 0. */
  public static void ffmpeg(List<String> args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error"));
    cmd.addAll(args);
    Result result = run(cmd);
    if (result.exit() != 0) {
      throw new IOException("ffmpeg failed: " + result.stderr());
    }
  }

  /** Exit code and output of a command. */
  public record Result(int exit, String stdout, String stderr) {}

  public static Result run(List<String> cmd) throws IOException {
    Path out = Files.createTempFile("cmd", ".out");
    Path err = Files.createTempFile("cmd", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Files of a folder, read by range; counts the bytes read. */
  public static final class FolderLocator implements SourceLocator {
    private final Path folder;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    public FolderLocator(Path folder) {
      this.folder = folder;
    }

    public long bytesRead() {
      return bytesRead.get();
    }

    public long reads() {
      return reads.get();
    }

    @Override
    public ByteSource open(String path) throws PackagingException {
      Path file = folder.resolve(path).normalize();
      if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
        throw new PackagingException(PackagingException.Reason.MISSING_SOURCE, path + " not found");
      }
      return new FileByteSource(file, bytesRead, reads);
    }
  }

  /** A file read by range, counting what it hands out. */
  public static final class FileByteSource implements ByteSource {
    private final Path file;
    private final AtomicLong bytesRead;
    private final AtomicLong reads;

    public FileByteSource(Path file, AtomicLong bytesRead, AtomicLong reads) {
      this.file = file;
      this.bytesRead = bytesRead;
      this.reads = reads;
    }

    @Override
    public long length() throws IOException {
      return Files.size(file);
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
      byte[] bytes = read(offset, (int) Math.min(Integer.MAX_VALUE, length));
      return new java.io.ByteArrayInputStream(bytes);
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
      try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        int n = (int) Math.max(0, Math.min(length, size - offset));
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(n);
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {}
        reads.incrementAndGet();
        bytesRead.addAndGet(buffer.position());
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
      }
    }
  }

  /**
   * The ABR MP4s (hard links) with {@code srt} as an English {@code <textstream>} of {@code
   * subs.smil}, in a fresh scratch folder {@code name}.
   */
  public static Path withSrt(String name, String srt) throws IOException {
    Path abr = abr();
    Path source = org.openvod.engine.testing.TestMedia.scratch(name);
    for (String file : ABR) {
      Files.createLink(source.resolve(file), abr.resolve(file));
    }
    Files.writeString(source.resolve("subs_eng.srt"), srt);
    Files.writeString(
        source.resolve("subs.smil"),
        """
        <smil><body><switch>
          <video src="abr_360.mp4" systemLanguage="eng" audioName="English"/>
          <video src="abr_270.mp4" includeAudio="false"/>
          <textstream src="subs_eng.srt" systemLanguage="eng" subtitleName="English"/>
        </switch></body></smil>
        """);
    return source;
  }

  /** A source made of bytes in memory (for corrupted inputs). */
  public static ByteSource bytes(byte[] data) {
    return new ByteSource() {
      @Override
      public long length() {
        return data.length;
      }

      @Override
      public InputStream open(long offset, long length) {
        int from = (int) Math.min(offset, data.length);
        int to = (int) Math.min(data.length, offset + length);
        return new java.io.ByteArrayInputStream(data, from, to - from);
      }
    };
  }
}
