package org.openvod.engine.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * Every output of one pass keeps the same distinct audio tracks (codec, language, name, channels,
 * rate): identical audio muxed into every HLS variant becomes one track, different languages stay.
 */
class DistinctAudioTest {

  /** The audio tracks of each format's manifest, as "language/name" (or what the format names). */
  private record Audio(
      List<String> hlsTs, List<String> cmaf, List<String> dash, List<String> mss, long probed) {}

  @Test
  void identicalMuxedAudioOfEveryVariantIsOneTrackInEveryFormat() throws Exception {
    Audio audio = packageAll(TestMedia.threeRenditions(), TestMedia.MASTER, "distinct-hls");
    assertEquals(1, audio.hlsTs().size(), audio.toString());
    assertEquals(1, audio.cmaf().size(), audio.toString());
    assertEquals(1, audio.dash().size(), audio.toString());
    assertEquals(1, audio.mss().size(), audio.toString());
    assertEquals(1, audio.probed(), "audio streams ffprobe finds in the DASH output");
  }

  @Test
  void distinctLanguagesStayAndDuplicatesGoInEveryFormat() throws Exception {
    // eng "English" twice (two files) and fra "Francais" once: two distinct tracks
    Path abr = Mp4TestMedia.abr();
    Path source = TestMedia.scratch("distinct-audio-source");
    for (String file : Mp4TestMedia.ABR) {
      Files.createLink(source.resolve(file), abr.resolve(file));
    }
    Files.writeString(
        source.resolve("langs.smil"),
        """
        <smil><body><switch>
          <video src="abr_360.mp4" systemLanguage="eng" audioName="English"/>
          <video src="abr_270.mp4" systemLanguage="fra" audioName="Francais"/>
          <video src="abr_180.mp4" systemLanguage="eng" audioName="English"/>
        </switch></body></smil>
        """);
    Audio audio = packageAll(source, "langs.smil", "distinct-smil");
    assertEquals(List.of("eng/English", "fra/Francais"), audio.hlsTs());
    assertEquals(List.of("eng/English", "fra/Francais"), audio.cmaf());
    assertEquals(List.of("eng", "fra"), audio.dash());
    assertEquals(List.of("audio_eng", "audio_fra"), audio.mss());
    assertEquals(2, audio.probed(), "audio streams ffprobe finds in the DASH output");
  }

  private static Audio packageAll(Path source, String root, String name) throws Exception {
    Path out = TestMedia.scratch(name);
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      Path dir = Files.createDirectories(out.resolve(format.name()));
      specs.add(
          OutputSpec.of(format.name(), format, 4, new DirectorySink(dir))
              .withAudioRenditionGroup(true));
    }
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(source), root, specs, ProgressListener.NONE);
    for (OutputResult r : results) {
      assertTrue(r.succeeded(), r.outputId() + ": " + r.error());
    }
    String mpd = TestMedia.read(out.resolve("DASH/index.mpd"));
    // ffprobe prints each stream under its program too: count distinct audio stream indexes
    Tools.Result probe =
        Tools.ffprobe(
            out.resolve("DASH"),
            "-v",
            "error",
            "-show_entries",
            "stream=index,codec_type",
            "-of",
            "csv=p=0",
            "index.mpd");
    assertEquals(0, probe.exitCode(), probe.stderr());
    long probed = probe.stdout().lines().filter(l -> l.endsWith(",audio")).distinct().count();
    return new Audio(
        hlsAudio(TestMedia.read(out.resolve("HLS_TS/index.m3u8"))),
        hlsAudio(TestMedia.read(out.resolve("CMAF/index.m3u8"))),
        all(mpd, "<AdaptationSet[^>]*contentType=\"audio\"[^>]*lang=\"([^\"]*)\""),
        all(
            TestMedia.read(out.resolve("MSS/index.ism/Manifest")),
            "<StreamIndex Type=\"audio\" Name=\"([^\"]*)\""),
        probed);
  }

  private static List<String> hlsAudio(String multivariant) {
    List<String> out = new ArrayList<>();
    for (String line : Playlists.tags(multivariant, "#EXT-X-MEDIA:")) {
      Map<String, String> a = Playlists.attributes(line);
      if ("AUDIO".equals(a.get("TYPE"))) {
        out.add(a.get("LANGUAGE") + "/" + a.get("NAME"));
      }
    }
    return out;
  }

  private static List<String> all(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
