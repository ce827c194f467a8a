package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.source.mp4.Mp4TestMedia;

/** H.265 from an MP4 source into CMAF and DASH (hvc1, or hev1 with parameter sets in-band). */
class HevcOutputTest {

  @Test
  void hevcPackagesIntoCmafAndDashAndMssRefusesIt() throws Exception {
    List<OutputSpec> specs = new ArrayList<>();
    List<FileSink> sinks = new ArrayList<>();
    for (boolean inBand : new boolean[] {false, true}) {
      for (OutputFormat format : List.of(OutputFormat.CMAF, OutputFormat.DASH)) {
        FileSink sink = new FileSink(OutputTesting.folder("hevc-" + format + "-" + inBand));
        sinks.add(sink);
        specs.add(
            OutputTesting.spec(
                format, 2, List.of(ManifestSpec.named("index")), inBand, false, null, sink));
      }
    }
    specs.add(
        OutputTesting.spec(
            OutputFormat.MSS,
            2,
            List.of(ManifestSpec.named("index")),
            false,
            false,
            null,
            new FileSink(OutputTesting.folder("hevc-mss"))));
    List<OutputResult> results =
        Packager.run(
            new Mp4TestMedia.FolderLocator(Mp4TestMedia.hevc()), "hevc.smil", specs, f -> {});
    for (int i = 0; i < 4; i++) {
      assertNull(results.get(i).error(), results.get(i).outputId());
      FileSink sink = sinks.get(i);
      boolean inBand = i >= 2;
      String entry = inBand ? "hev1" : "hvc1";
      String manifest = results.get(i).manifestPaths().get(0);
      OutputTesting.assertFfmpegReads(sink.folder.resolve(manifest));
      assertEquals(4.0, OutputTesting.ffprobeDuration(sink.folder.resolve(manifest)), 1 / 30.0);
      assertTrue(sink.text(manifest).contains(entry + ".1.6.L"), sink.text(manifest));
      if (manifest.endsWith(".mpd")) {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/dash-schema/DASH-MPD.xsd"))
            .newValidator()
            .validate(
                new StreamSource(
                    new ByteArrayInputStream(Files.readAllBytes(sink.folder.resolve(manifest)))));
      } else {
        int[] packets = OutputTesting.videoPackets(sink.folder.resolve("video_1/index.m3u8"));
        assertEquals(120, packets[0]);
        assertEquals(2, packets[1]);
      }
    }
    assertTrue(
        results.get(4).error().contains("H.264 video and AAC audio only"), results.get(4).error());
  }
}
