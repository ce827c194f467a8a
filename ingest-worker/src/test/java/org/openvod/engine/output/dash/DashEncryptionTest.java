package org.openvod.engine.output.dash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.CencCtr;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectedFragment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.OnePass;
import org.w3c.dom.Element;

/**
 * DASH with 'cenc' common encryption, proven by decryption: one engine pass packages the ABR
 * fixture clear, encrypted under one key (with trick play), and encrypted SPEKE v2 style (an HD
 * key, an SD key, clear audio). ffmpeg decrypts every representation to the clear output's frames;
 * the test itself decrypts every sample through the senc entries a player would read.
 */
class DashEncryptionTest {

  static final String CENC_NS = "urn:mpeg:cenc:2013";
  static final List<String> VIDEOS = List.of("video_1", "video_3", "video_4");
  static final String AUDIO = "audio_2";

  static FileSink clear;
  static FileSink single;
  static FileSink perResolution;

  static OutputSpec spec(String id, FileSink sink, EncryptionSpec encryption) {
    return OutputSpec.of(id, OutputFormat.DASH, 2, sink)
        .withDashIframeOnlyStream(true)
        .withEncryption(encryption);
  }

  /** SPEKE v2 style: 360p under the HD key, lower resolutions under the SD key, audio clear. */
  static KeyAssignment perResolutionKeys() {
    ProtectionKey hd = TestKeys.withSignals(TestKeys.HD);
    ProtectionKey sd = TestKeys.withSignals(TestKeys.SD);
    return track -> track.kind() != TrackKind.VIDEO ? null : track.height() >= 360 ? hd : sd;
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    clear = new FileSink(OutputTesting.folder("dash-cenc-clear"));
    single = new FileSink(OutputTesting.folder("dash-cenc-single"));
    perResolution = new FileSink(OutputTesting.folder("dash-cenc-v2"));
    OnePass.packageAll(
        Mp4TestMedia.abr(),
        "abr.smil",
        List.of(
            spec("clear", clear, null),
            spec("single", single, TestKeys.singleKey(EncryptionMode.CENC, null)),
            spec(
                "v2",
                perResolution,
                new EncryptionSpec(EncryptionMode.CENC, perResolutionKeys(), null))));
  }

  static List<String> segments(FileSink sink, String representation) {
    return sink.order.stream().filter(p -> p.startsWith(representation + "/segment_")).toList();
  }

  /** The representation's init and media segments in {@code sink}, for decoding. */
  static DecodedFrames.Track track(FileSink sink, String rep) {
    return new DecodedFrames.Track(sink.folder, rep + "/init.mp4", segments(sink, rep));
  }

  /** The clear output's frames of each representation, decoded once for every test. */
  static synchronized List<String> clearFrames(String rep) throws Exception {
    List<String> frames = CLEAR_FRAMES.get(rep);
    if (frames == null) {
      DecodedFrames.Result r = track(clear, rep).decode(null);
      assertEquals(0, r.exitCode(), r.stderr());
      frames = r.frames();
      CLEAR_FRAMES.put(rep, frames);
    }
    return frames;
  }

  static final java.util.Map<String, List<String>> CLEAR_FRAMES = new java.util.HashMap<>();

  /** Without the right key, ffmpeg fails on the first segment or decodes other frames. */
  static void assertNotDecodable(FileSink sink, String rep, ContentKey key) throws Exception {
    DecodedFrames.assertNotTheClearFrames(
        track(clear, rep).first(1).decode(null).frames(), track(sink, rep).first(1), key, rep);
  }

  @Test
  void ffmpegDecryptsEveryRepresentationToTheClearFrames() throws Exception {
    List<String> reps = new ArrayList<>(VIDEOS);
    reps.add(AUDIO);
    reps.add("video_1_iframes");
    for (String rep : reps) {
      DecodedFrames.Result decrypted = track(single, rep).decode(TestKeys.HD);
      assertEquals(0, decrypted.exitCode(), rep + ": " + decrypted.stderr());
      DecodedFrames.assertSameFrames(clearFrames(rep), decrypted.frames(), rep + " decrypted");
      // without the key the same bytes are not the clear frames: they really are encrypted
      assertNotDecodable(single, rep, null);
    }
  }

  @Test
  void perResolutionKeysDecryptEachRepresentationWithItsOwnKey() throws Exception {
    for (String rep : VIDEOS) {
      ContentKey key = rep.equals("video_1") ? TestKeys.HD : TestKeys.SD;
      ContentKey other = key == TestKeys.HD ? TestKeys.SD : TestKeys.HD;
      DecodedFrames.assertSameFrames(
          clearFrames(rep), track(perResolution, rep).decode(key).frames(), rep);
      assertNotDecodable(perResolution, rep, other);
    }
    // audio has no key: written clear, byte for byte the clear output's
    for (String path : clear.order) {
      if (path.startsWith(AUDIO + "/")) {
        assertArrayEquals(
            Files.readAllBytes(clear.folder.resolve(path)),
            Files.readAllBytes(perResolution.folder.resolve(path)),
            path);
      }
    }
  }

  @Test
  void everySegmentsSencSaizAndSaioLeadToTheClearSamples() throws Exception {
    List<String> reps = new ArrayList<>(VIDEOS);
    reps.add(AUDIO);
    reps.add("video_3_iframes");
    CencCtr ctr = new CencCtr(TestKeys.HD);
    for (String rep : reps) {
      Set<String> ivs = new HashSet<>();
      List<String> files = segments(single, rep);
      assertEquals(6, files.size(), rep);
      for (String file : files) {
        byte[] encrypted = Files.readAllBytes(single.folder.resolve(file));
        List<byte[]> expected =
            ProtectedFragment.clearSamples(Files.readAllBytes(clear.folder.resolve(file)));
        ProtectedFragment f = ProtectedFragment.read(encrypted, 8);
        assertEquals(List.of("tfhd", "tfdt", "trun", "saiz", "saio", "senc"), f.trafChildren, file);
        assertEquals(expected.size(), f.samples.size(), file);
        boolean video = rep.startsWith("video");
        for (int i = 0; i < expected.size(); i++) {
          ProtectedFragment.Entry e = f.entries.get(i);
          assertTrue(ivs.add(TestKeys.hex(e.iv())), file + ": an IV used twice");
          assertEquals(video, !e.subsamples().isEmpty(), file + ": subsamples for video only");
          byte[] decrypted = ctr.transform(f.samples.get(i), e.iv(), e.subsamples());
          assertArrayEquals(expected.get(i), decrypted, file + " sample " + i);
          long protectedBytes = e.subsamples().stream().mapToLong(s -> s.protectedBytes()).sum();
          if (!video || protectedBytes > 0) {
            assertFalse(
                java.util.Arrays.equals(expected.get(i), f.samples.get(i)),
                file + " sample " + i + " is written clear");
          }
        }
      }
    }
  }

  @Test
  void initSegmentsWrapTheSampleEntryAndCarryEachSignalsPssh() throws Exception {
    for (String rep : List.of("video_1", AUDIO, "video_1_iframes")) {
      ProtectedFragment.Init init =
          ProtectedFragment.readInit(Files.readAllBytes(single.folder.resolve(rep + "/init.mp4")));
      boolean video = rep.startsWith("video");
      assertEquals(video ? "encv" : "enca", init.entryType());
      assertEquals(video ? "avc1" : "mp4a", init.originalFormat());
      assertEquals("cenc", init.scheme());
      assertEquals(0, init.tencVersion());
      assertEquals(8, init.ivSize());
      assertArrayEquals(TestKeys.HD.keyId(), init.keyId());
      assertEquals(2, init.psshBoxes().size());
      assertArrayEquals(TestKeys.clearKey(TestKeys.HD).pssh(), init.psshBoxes().get(0));
      assertArrayEquals(TestKeys.playReady(TestKeys.HD).pssh(), init.psshBoxes().get(1));
    }
    Path init = single.folder.resolve("video_1/init.mp4");
    String stream = OutputTesting.ffprobeStreams(init, "codec_name,width,height").get(0);
    assertTrue(stream.startsWith("h264,640,360"), stream);
  }

  @Test
  void mpdDeclaresCencWithTheKidOfEachAdaptationSet() throws Exception {
    validate(single);
    validate(perResolution);
    List<Element> sets = DashOutputTest.elements(parse(single), "AdaptationSet");
    assertEquals(3, sets.size(), "video, audio, trick play: one key, one set each");
    for (Element set : sets) {
      assertProtectedBy(set, TestKeys.HD);
    }
    List<Element> v2 = DashOutputTest.elements(parse(perResolution), "AdaptationSet");
    // HD video, SD video, clear audio, then the trick-play set of each video set
    assertEquals(5, v2.size());
    assertProtectedBy(v2.get(0), TestKeys.HD);
    assertEquals(List.of("video_1"), representationIds(v2.get(0)));
    assertProtectedBy(v2.get(1), TestKeys.SD);
    assertEquals(List.of("video_3", "video_4"), representationIds(v2.get(1)));
    assertEquals("audio", v2.get(2).getAttribute("contentType"));
    assertTrue(DashOutputTest.elements(v2.get(2), "ContentProtection").isEmpty(), "clear audio");
    for (int i = 0; i < 2; i++) {
      Element trick = v2.get(3 + i);
      assertProtectedBy(trick, i == 0 ? TestKeys.HD : TestKeys.SD);
      Element property = DashOutputTest.elements(trick, "EssentialProperty").get(0);
      assertEquals(v2.get(i).getAttribute("id"), property.getAttribute("value"));
      assertEquals(
          representationIds(v2.get(i)).stream().map(id -> id + "_iframes").toList(),
          representationIds(trick));
    }
    List<String> streams =
        OutputTesting.ffprobeStreams(
            perResolution.folder.resolve("index.mpd"), "codec_name,width,height");
    for (String expected : List.of("h264,640,360", "h264,480,270", "h264,320,180", "aac")) {
      assertTrue(streams.stream().anyMatch(l -> l.startsWith(expected)), streams.toString());
    }
  }

  private static void assertProtectedBy(Element set, ContentKey key) {
    List<Element> cps = DashOutputTest.elements(set, "ContentProtection");
    assertEquals(3, cps.size(), "mp4protection, Clear Key, PlayReady");
    Element mp4 = cps.get(0);
    assertEquals("urn:mpeg:dash:mp4protection:2011", mp4.getAttribute("schemeIdUri"));
    assertEquals("cenc", mp4.getAttribute("value"));
    assertEquals(key.keyIdUuid().toString(), mp4.getAttributeNS(CENC_NS, "default_KID"));
    Element clearKey = cps.get(1);
    assertEquals("urn:uuid:" + TestKeys.CLEAR_KEY, clearKey.getAttribute("schemeIdUri"));
    Element pssh = (Element) clearKey.getElementsByTagNameNS(CENC_NS, "pssh").item(0);
    assertArrayEquals(
        TestKeys.clearKey(key).pssh(), Base64.getDecoder().decode(pssh.getTextContent()));
    Element playReady = cps.get(2);
    assertEquals("urn:uuid:" + TestKeys.PLAYREADY, playReady.getAttribute("schemeIdUri"));
    Element pro =
        (Element) playReady.getElementsByTagNameNS("urn:microsoft:playready", "pro").item(0);
    assertEquals(TestKeys.playReady(key).mssProtectionHeader(), pro.getTextContent());
    Element prPssh = (Element) playReady.getElementsByTagNameNS(CENC_NS, "pssh").item(0);
    assertArrayEquals(
        TestKeys.playReady(key).pssh(), Base64.getDecoder().decode(prPssh.getTextContent()));
  }

  private static List<String> representationIds(Element set) {
    return DashOutputTest.elements(set, "Representation").stream()
        .map(r -> r.getAttribute("id"))
        .toList();
  }

  private static Element parse(FileSink sink) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(sink.folder.resolve("index.mpd").toFile())
        .getDocumentElement();
  }

  private static void validate(FileSink sink) throws Exception {
    URL xsd = DashEncryptionTest.class.getResource("/dash-schema/DASH-MPD.xsd");
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(new StreamSource(xsd.openStream(), xsd.toString()))
        .newValidator()
        .validate(
            new StreamSource(
                new ByteArrayInputStream(Files.readAllBytes(sink.folder.resolve("index.mpd")))));
  }
}
