package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.source.mp4.CollectingHandler;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.source.smil.SmilDemuxer;

/** AC-3 and E-AC-3 from MP4 sources into CMAF and DASH; MSS refuses them. */
class DolbyOutputTest {

  @Test
  void ac3AndEac3ReadAndPackage() throws Exception {
    for (String codec : List.of("ac3", "eac3")) {
      CollectingHandler demuxed = new CollectingHandler();
      new SmilDemuxer(new Mp4TestMedia.FolderLocator(Mp4TestMedia.dolby()), codec + ".smil")
          .run(demuxed, f -> {});
      StreamInfo audio = demuxed.infos.get(2);
      assertEquals(codec.equals("ac3") ? Codec.AC3 : Codec.EAC3, audio.codec());
      assertEquals(codec.equals("ac3") ? "ac-3" : "ec-3", audio.codecString());
      assertEquals(6, audio.channels());
      assertEquals(48000, audio.sampleRate());

      List<OutputSpec> specs = new ArrayList<>();
      List<FileSink> sinks = new ArrayList<>();
      for (OutputFormat format : List.of(OutputFormat.CMAF, OutputFormat.DASH, OutputFormat.MSS)) {
        FileSink sink = new FileSink(OutputTesting.folder("dolby-" + codec + "-" + format));
        sinks.add(sink);
        specs.add(
            OutputTesting.spec(
                format, 2, List.of(ManifestSpec.named("index")), false, false, null, sink));
      }
      List<OutputResult> results =
          Packager.run(
              new Mp4TestMedia.FolderLocator(Mp4TestMedia.dolby()),
              codec + ".smil",
              specs,
              f -> {});
      for (int i = 0; i < 2; i++) {
        assertNull(results.get(i).error(), codec + " " + results.get(i).outputId());
        var manifest = sinks.get(i).folder.resolve(results.get(i).manifestPaths().get(0));
        OutputTesting.assertFfmpegReads(manifest);
        List<String> streams = OutputTesting.ffprobeStreams(manifest, "codec_name,channels");
        assertTrue(streams.stream().anyMatch(s -> s.startsWith(codec + ",6")), streams.toString());
        assertEquals(4.0, OutputTesting.ffprobeDuration(manifest), 0.05);
      }
      assertTrue(sinks.get(0).text("index.m3u8").contains(audio.codecString()));
      assertTrue(results.get(2).error().contains("AAC audio only"), results.get(2).error());
    }
  }
}
