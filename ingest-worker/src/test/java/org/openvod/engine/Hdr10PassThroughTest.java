package org.openvod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * HDR10 survives packaging: an H.265 Main 10 source with PQ transfer, BT.2020 colours, mastering
 * display and content light level metadata comes out of each format ffprobe reads with the same
 * colour description and the same metadata on its first frame, and the manifests say it is HDR (HLS
 * VIDEO-RANGE=PQ; DASH CICP properties, still valid against the MPD schema).
 */
class Hdr10PassThroughTest {

  private static final String STREAM =
      "stream=profile,pix_fmt,color_primaries,color_transfer,color_space";

  @ParameterizedTest
  @EnumSource(
      value = OutputFormat.class,
      names = {"HLS_TS", "CMAF", "DASH"})
  void hdr10SignallingAndMetadataPassThrough(OutputFormat format) throws Exception {
    Path source = TestMedia.hdr10Video();
    Path out = TestMedia.scratch("hdr10-" + format);
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source),
            "index.m3u8",
            List.of(OutputSpec.of(format.name(), format, 4, new DirectorySink(out))),
            ProgressListener.NONE);
    assertTrue(results.get(0).succeeded(), results.get(0).error());
    String manifest = ManifestSpec.named("index").fileName(format);

    String expected = probe(source, "index.m3u8", STREAM);
    assertTrue(expected.contains("Main 10") && expected.contains("smpte2084"), expected);
    assertEquals(expected, probe(out, manifest, STREAM));

    String text = java.nio.file.Files.readString(out.resolve(manifest));
    if (format == OutputFormat.DASH) {
      javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(getClass().getResource("/dash-schema/DASH-MPD.xsd"))
          .newValidator()
          .validate(new javax.xml.transform.stream.StreamSource(out.resolve(manifest).toFile()));
      assertTrue(
          text.contains("schemeIdUri=\"urn:mpeg:mpegB:cicp:TransferCharacteristics\" value=\"16\""),
          text);
      assertTrue(text.contains("urn:mpeg:mpegB:cicp:ColourPrimaries\" value=\"9\""), text);
    } else {
      assertTrue(text.contains(",VIDEO-RANGE=PQ"), text);
    }

    List<String> metadata = firstFrameSideData(out, manifest);
    assertEquals(firstFrameSideData(source, "index.m3u8"), metadata);
    assertTrue(metadata.contains("Mastering display metadata"), metadata.toString());
    assertTrue(metadata.contains("Content light level metadata"), metadata.toString());
  }

  private static String probe(Path dir, String input, String entries) {
    return ffprobeFirstVideo(dir, input, "-show_entries", entries, "-of", "compact=p=0").trim();
  }

  private static List<String> firstFrameSideData(Path dir, String input) {
    String frame =
        ffprobeFirstVideo(dir, input, "-read_intervals", "%+#1", "-show_frames", "-of", "csv=p=0");
    // ffprobe 5.1 prints the whole frame (-show_entries does not narrow side data); pick HDR10 out
    List<String> types = new ArrayList<>();
    for (String type : List.of("Mastering display metadata", "Content light level metadata")) {
      if (frame.contains(type)) {
        types.add(type);
      }
    }
    return types;
  }

  /** ffprobe's output for the first video stream of {@code input}, which it must read. */
  private static String ffprobeFirstVideo(Path dir, String input, String... options) {
    List<String> args = new ArrayList<>(List.of("-v", "error", "-select_streams", "v:0"));
    args.addAll(List.of(options));
    args.add(input);
    Tools.Result r = Tools.ffprobe(dir, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }
}
