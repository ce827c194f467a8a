package org.openvod.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link TestMedia#threeRenditions} with an ad break in its TS: a splice_insert (event {@link
 * #EVENT_ID}, out of network at 3 s, break_duration 6 s with auto-return) in every variant's first
 * segment, and the SCTE-35 stream in every PMT. Made in a fresh folder per call.
 */
public final class AdMarkerMedia {

  public static final long EVENT_ID = 7;

  /** A source and the section it carries, in base64. */
  public record Source(Path dir, String sectionBase64) {}

  private AdMarkerMedia() {}

  public static Source threeRenditionsWithBreak(String name) throws IOException {
    Path source = copy(TestMedia.threeRenditions(), name);
    long first =
        Tools.packets(source.resolve("v0"), "seg_000.ts").stream()
            .filter(p -> p.streamIndex() == 0 && p.keyframe())
            .mapToLong(Tools.Packet::pts)
            .min()
            .orElseThrow();
    byte[] out = Scte35Injector.spliceInsert(EVENT_ID, true, first + 3 * 90000, 6 * 90000);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path ts : files.filter(p -> p.toString().endsWith(".ts")).toList()) {
        boolean firstSegment = ts.getFileName().toString().equals("seg_000.ts");
        Scte35Injector.inject(ts, firstSegment ? List.of(out) : List.of());
      }
    }
    return new Source(source, Base64.getEncoder().encodeToString(out));
  }

  /** A copy of a source folder under the build folder's scratch space. */
  public static Path copy(Path from, String name) throws IOException {
    Path to = TestMedia.scratch(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
