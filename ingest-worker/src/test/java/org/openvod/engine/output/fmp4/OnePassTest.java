package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.dash.DashOutput;
import org.openvod.engine.output.mss.MssOutput;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.pipeline.FanOut;
import org.openvod.engine.pipeline.Segmenter;
import org.openvod.engine.source.hls.HlsDemuxer;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.source.smil.SmilDemuxer;
import org.openvod.engine.testing.TestMedia;

/**
 * One demux pass fanned out to a CMAF, a DASH and an MSS output, as the Packager runs it, from an
 * MP4+SMIL source and from an HLS-TS source (engine A's demuxer): every output reads back whole.
 */
class OnePassTest {

  record Pass(FileSink cmaf, FileSink dash, FileSink mss, List<FanOut.Branch> branches) {}

  static Pass run(String name, Demuxer demuxer, int segmentSeconds) throws Exception {
    Path root = OutputTesting.folder(name);
    FileSink[] sinks = new FileSink[3];
    OutputFormat[] formats = {OutputFormat.CMAF, OutputFormat.DASH, OutputFormat.MSS};
    List<FanOut.Branch> branches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sinks[i] = new FileSink(Files.createDirectories(root.resolve(formats[i].name())));
      OutputSpec spec =
          OutputTesting.spec(
              formats[i],
              segmentSeconds,
              List.of(ManifestSpec.named("index")),
              false,
              true,
              null,
              sinks[i]);
      var handler =
          switch (formats[i]) {
            case CMAF -> new CmafOutput(spec);
            case DASH -> new DashOutput(spec);
            default -> new MssOutput(spec);
          };
      branches.add(FanOut.Branch.of(spec, new Segmenter(segmentSeconds, handler)));
    }
    List<Double> progress = new ArrayList<>();
    demuxer.run(new FanOut(branches), progress::add);
    assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    for (FanOut.Branch b : branches) {
      assertNull(b.error(), b.spec().outputId());
    }
    return new Pass(sinks[0], sinks[1], sinks[2], branches);
  }

  static void assertReadsBack(Pass pass, double duration, int videoFrames) throws Exception {
    Path master = pass.cmaf().folder.resolve("index.m3u8");
    OutputTesting.assertFfmpegReads(master);
    assertEquals(duration, OutputTesting.ffprobeDuration(master), 1 / 30.0);
    Path mpd = pass.dash().folder.resolve("index.mpd");
    OutputTesting.assertFfmpegReads(mpd);
    assertEquals(duration, OutputTesting.ffprobeDuration(mpd), 1 / 30.0);
    String media = pass.cmaf().text("video_1/index.m3u8");
    assertTrue(media.contains("#EXT-X-MAP"), media);
    assertEquals(
        videoFrames,
        OutputTesting.videoPackets(pass.cmaf().folder.resolve("video_1/index.m3u8"))[0]);
    assertTrue(pass.mss().order.get(pass.mss().order.size() - 1).equals("index.ism/Manifest"));
  }

  @Test
  void mp4SourceFeedsEveryFragmentedOutputInOnePass() throws Exception {
    Pass pass =
        run(
            "pass-mp4",
            new SmilDemuxer(new Mp4TestMedia.FolderLocator(Mp4TestMedia.abr()), "abr.smil"),
            4);
    assertReadsBack(pass, Mp4TestMedia.DURATION, 360);
    String media = pass.cmaf().text("video_1/index.m3u8");
    assertTrue(media.contains("#EXT-X-TARGETDURATION:4"), media);
  }

  @Test
  void hlsTsSourceFeedsEveryFragmentedOutputInOnePass() throws Exception {
    Path source = TestMedia.threeRenditions();
    Pass pass =
        run("pass-ts", new HlsDemuxer(new Mp4TestMedia.FolderLocator(source), TestMedia.MASTER), 6);
    assertReadsBack(pass, TestMedia.DURATION_SECONDS, (int) (TestMedia.DURATION_SECONDS * 30));
    // each TS variant muxes the same audio: the CMAF audio group lists it once
    String master = pass.cmaf().text("index.m3u8");
    assertEquals(1, master.split("#EXT-X-MEDIA:", -1).length - 1, master);
    assertEquals(3, master.split("#EXT-X-STREAM-INF:", -1).length - 1, master);
  }
}
