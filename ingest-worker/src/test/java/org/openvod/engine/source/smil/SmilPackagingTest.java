package org.openvod.engine.source.smil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.Mp4TestMedia;

/** A .smil source packaged end to end through the engine's facade, as the worker calls it. */
class SmilPackagingTest {

  @Test
  void packagerTurnsASmilIntoEveryFragmentedFormatInOnePass() throws Exception {
    List<FileSink> sinks = new ArrayList<>();
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputFormat format : List.of(OutputFormat.CMAF, OutputFormat.DASH, OutputFormat.MSS)) {
      FileSink sink =
          new FileSink(Files.createDirectories(OutputTesting.folder("packager-" + format)));
      sinks.add(sink);
      specs.add(
          OutputTesting.spec(
              format, 6, List.of(ManifestSpec.named("index")), false, false, null, sink));
    }
    FileSink broken = new FileSink(OutputTesting.folder("packager-broken"));
    specs.add(
        OutputTesting.spec(
            OutputFormat.DASH,
            6,
            List.of(ManifestSpec.named("index")),
            false,
            false,
            "BOGUS",
            broken));
    Mp4TestMedia.FolderLocator locator = new Mp4TestMedia.FolderLocator(Mp4TestMedia.abr());
    List<Double> progress = new ArrayList<>();
    List<OutputResult> results = Packager.run(locator, "abr.smil", specs, progress::add);

    assertEquals(4, results.size());
    for (int i = 0; i < 3; i++) {
      assertNull(results.get(i).error(), results.get(i).outputId());
    }
    assertEquals(List.of("index.m3u8"), results.get(0).manifestPaths());
    assertEquals(List.of("index.mpd"), results.get(1).manifestPaths());
    assertEquals(List.of("index.ism/Manifest"), results.get(2).manifestPaths());
    assertTrue(results.get(3).error().contains("BOGUS"), results.get(3).error());
    assertTrue(broken.order.isEmpty());

    OutputTesting.assertFfmpegReads(sinks.get(0).folder.resolve("index.m3u8"));
    OutputTesting.assertFfmpegReads(sinks.get(1).folder.resolve("index.mpd"));
    assertEquals(
        Mp4TestMedia.DURATION,
        OutputTesting.ffprobeDuration(sinks.get(1).folder.resolve("index.mpd")),
        1 / 30.0);
    assertTrue(sinks.get(2).order.contains("index.ism/Manifest"));
    // one pass: the three MP4s are read about once, not once per output
    long files = 0;
    for (String name : Mp4TestMedia.ABR) {
      files += Files.size(Mp4TestMedia.abr().resolve(name));
    }
    assertTrue(locator.bytesRead() <= files + 4096, locator.bytesRead() + " > " + files);
    assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
  }

  @Test
  void aSourceProblemFailsThePassWithItsReason() {
    OutputSpec spec =
        OutputTesting.spec(
            OutputFormat.CMAF,
            6,
            List.of(ManifestSpec.named("index")),
            false,
            false,
            null,
            new FileSink(Mp4TestMedia.buildDir()));
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () ->
                Packager.run(
                    new Mp4TestMedia.FolderLocator(Mp4TestMedia.encrypted()),
                    "enc.smil",
                    List.of(spec),
                    f -> {}));
    assertEquals(PackagingException.Reason.ENCRYPTED_SOURCE, e.reason());
  }
}
