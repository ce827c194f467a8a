package org.openvod.engine.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.source.mp4.MapLocator;

/**
 * Jazzer fuzz tests of the source parsers (TS, MP4, M3U8, SMIL), each driven through {@link
 * Packager#run} as the worker drives it. The contract: any input either packages or ends in a
 * {@link PackagingException} with a message; anything else (another exception, a hang, an
 * OutOfMemoryError) is a finding.
 *
 * <p>In a normal build (regression mode) each test runs the small committed corpus under {@code
 * src/test/resources/org/openvod/engine/fuzz/SourceFuzzTestInputs/<test>/}, which holds the seeds
 * and every input a fuzzing run found worth keeping. To fuzz for real, one test at a time: {@code
 * JAZZER_FUZZ=1 ./mvnw -pl ingest-worker test -Dtest='SourceFuzzTest#tsSegment'} (stops after
 * {@code maxDuration}; a finding is written into that folder, so it becomes a regression input).
 */
class SourceFuzzTest {

  private static final String SEEDS = "/org/openvod/engine/fuzz/SourceFuzzTestInputs/";
  private static final byte[] SEED_TS = seed("tsSegment/seed.ts");
  private static final byte[] SEED_MP4 = seed("mp4File/seed.mp4");
  private static final String MEDIA_PLAYLIST =
      "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-PLAYLIST-TYPE:VOD\n"
          + "#EXTINF:0.3,\nseg.ts\n#EXT-X-ENDLIST\n";
  private static final String SMIL =
      "<smil><body><switch><video src=\"a.mp4\" systemLanguage=\"eng\"/></switch></body></smil>";

  /** The bytes of the one TS segment of a valid playlist. */
  @FuzzTest(maxDuration = "2m")
  void tsSegment(byte[] segment) throws Exception {
    packages(
        new MapLocator().put("index.m3u8", MEDIA_PLAYLIST).put("seg.ts", segment), "index.m3u8");
  }

  /** A playlist's text (multivariant or media) over a valid segment. */
  @FuzzTest(maxDuration = "2m")
  void playlist(byte[] text) throws Exception {
    packages(
        new MapLocator()
            .put("index.m3u8", text)
            .put("seg.ts", SEED_TS)
            .put("media.m3u8", MEDIA_PLAYLIST),
        "index.m3u8");
  }

  /** The bytes of the MP4 a valid SMIL names. */
  @FuzzTest(maxDuration = "2m")
  void mp4File(byte[] mp4) throws Exception {
    packages(new MapLocator().put("index.smil", SMIL).put("a.mp4", mp4), "index.smil");
  }

  /** A SMIL document over a valid MP4. */
  @FuzzTest(maxDuration = "2m")
  void smil(byte[] xml) throws Exception {
    packages(new MapLocator().put("index.smil", xml).put("a.mp4", SEED_MP4), "index.smil");
  }

  private static void packages(MapLocator source, String root) throws Exception {
    try {
      Packager.run(source, root, outputs(), null);
    } catch (PackagingException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why: " + e);
    }
  }

  /** One output of each container family, so every muxer sees what the parsers let through. */
  private static List<OutputSpec> outputs() {
    OutputSink discard = (path, data, type) -> {};
    return List.of(
        OutputSpec.of("hls", OutputFormat.HLS_TS, 1, discard),
        OutputSpec.of("cmaf", OutputFormat.CMAF, 1, discard));
  }

  private static byte[] seed(String name) {
    try (InputStream in = SourceFuzzTest.class.getResourceAsStream(SEEDS + name)) {
      if (in == null) {
        throw new IllegalStateException("seed missing from the test resources: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
