package org.openvod.engine.source.mp4;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.dash.DashOutput;
import org.openvod.engine.output.fmp4.CmafOutput;
import org.openvod.engine.output.mss.MssOutput;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.Segmenter;

/**
 * A seeded mutation test of the MP4 reader: a few hundred corrupted moovs (flipped bytes, box sizes
 * and counts set to extremes, truncations) must each end in a PackagingException or a normal run,
 * never another exception, a hang or an OutOfMemoryError.
 */
class MoovMutationTest {

  /** Runs per build; raise with -Dopenvod.mutation.runs for a longer hunt. */
  static final int RUNS = Integer.getInteger("openvod.mutation.runs", 400);

  @Test
  void corruptedMoovsOnlyEverGiveAPackagingException() throws Exception {
    byte[] file = Files.readAllBytes(Mp4TestMedia.abr().resolve(Mp4TestMedia.ABR[2]));
    int[] moov = Mp4RefusalTest.moov(file);
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(Math.max(90, RUNS / 10)),
        () -> {
          for (int seed = 0; seed < RUNS; seed++) {
            byte[] mutated = mutate(file, moov, new Random(seed));
            try {
              new Mp4Demuxer(List.of(Mp4Rendition.of("m.mp4", Mp4TestMedia.bytes(mutated))))
                  .run(seed % 2 == 0 ? new Discard() : allOutputs(), f -> {});
              outcomes[0]++;
            } catch (PackagingException e) {
              assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
              outcomes[1]++;
            } catch (Throwable e) {
              fail("seed " + seed + ": " + e, e);
            }
          }
        });
    assertTrue(outcomes[1] > RUNS / 4, "most mutations are refused: " + Arrays.toString(outcomes));
  }

  static byte[] mutate(byte[] file, int[] moov, Random random) {
    byte[] out = file.clone();
    int start = moov[0];
    int size = moov[1];
    int kind = random.nextInt(4);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = start + 8 + random.nextInt(size - 12);
      switch (kind) {
        case 0 -> out[at] = (byte) random.nextInt(256);
        case 1 -> {
          // a 32-bit field (a box size, a count, an offset) set to an extreme
          int[] extremes = {0, 1, 7, 0x7FFFFFFF, 0xFFFFFFFF, 0x00FFFFFF, random.nextInt()};
          int v = extremes[random.nextInt(extremes.length)];
          at &= ~3;
          out[at] = (byte) (v >>> 24);
          out[at + 1] = (byte) (v >>> 16);
          out[at + 2] = (byte) (v >>> 8);
          out[at + 3] = (byte) v;
        }
        case 2 -> out[at] ^= (byte) (1 << random.nextInt(8));
        default -> {
          return Arrays.copyOf(out, start + random.nextInt(size));
        }
      }
    }
    return out;
  }

  /** The segmenter and every fMP4 output behind it, writing nowhere: half the runs go here. */
  static MediaHandler allOutputs() throws Exception {
    List<MediaHandler> outputs = new java.util.ArrayList<>();
    for (OutputFormat format : List.of(OutputFormat.CMAF, OutputFormat.DASH, OutputFormat.MSS)) {
      OutputSpec spec =
          OutputSpec.of("m", format, 2, (path, data, type) -> {})
              .withManifests(List.of(ManifestSpec.named("i")))
              .withEncoderConfigurationInSegments(true)
              .withDashIframeOnlyStream(true);
      outputs.add(
          switch (format) {
            case CMAF -> new CmafOutput(spec);
            case DASH -> new DashOutput(spec);
            default -> new MssOutput(spec);
          });
    }
    return new Segmenter(2, new Tee(outputs));
  }

  /** Sends every event to each handler in turn; the first exception ends the run. */
  record Tee(List<MediaHandler> handlers) implements MediaHandler {
    @Override
    public void onStreamInfo(StreamInfo info) throws Exception {
      for (MediaHandler h : handlers) {
        h.onStreamInfo(info);
      }
    }

    @Override
    public void onSample(Sample sample) throws Exception {
      for (MediaHandler h : handlers) {
        h.onSample(sample);
      }
    }

    @Override
    public void onSegmentEnd(int trackId, int index, long startTime, long duration)
        throws Exception {
      for (MediaHandler h : handlers) {
        h.onSegmentEnd(trackId, index, startTime, duration);
      }
    }

    @Override
    public void onEnd() throws Exception {
      for (MediaHandler h : handlers) {
        h.onEnd();
      }
    }
  }

  /** Takes samples and drops them. */
  static final class Discard implements MediaHandler {
    @Override
    public void onStreamInfo(StreamInfo info) {}

    @Override
    public void onSample(Sample sample) {}

    @Override
    public void onEnd() {}
  }
}
