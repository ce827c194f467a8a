package org.openvod.engine.source.smil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.PackagingException.Reason;
import org.openvod.engine.source.mp4.CollectingHandler;
import org.openvod.engine.source.mp4.MapLocator;
import org.openvod.engine.source.mp4.Mp4TestMedia;

class SmilDemuxerTest {

  static PackagingException refused(MapLocator locator) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThrows(
                PackagingException.class,
                () ->
                    new SmilDemuxer(locator, "dir/x.smil").run(new CollectingHandler(), f -> {})));
  }

  static MapLocator smil(String text) {
    return new MapLocator().put("dir/x.smil", text);
  }

  @Test
  void parsesEveryDocumentedAttribute() throws Exception {
    List<SmilEntry> entries =
        SmilParser.parse(
            ("<smil><body><alias value=\"x\"/><switch>"
                    + "<video name=\"v_360.mp4\" systemLanguage=\"eng,fra\""
                    + " audioName=\"English,Francais\" includeAudio=\"true,false\"/>"
                    + "<video src=\"v_180.mp4\" language=\"spa\"/>"
                    + "<textstream src=\"subs.srt\" systemLanguage=\"eng\"/>"
                    + "</switch></body></smil>")
                .getBytes(),
            "t");
    assertEquals(2, entries.size());
    assertEquals(
        new SmilEntry(
            "v_360.mp4",
            List.of("eng", "fra"),
            List.of("English", "Francais"),
            List.of(true, false)),
        entries.get(0));
    assertEquals(List.of("spa"), entries.get(1).languages());
  }

  @Test
  void filesResolveAgainstTheSmilFolderAndNeverLeaveTheRoot() throws Exception {
    assertEquals("dir/a.mp4", SmilPaths.resolve("dir/x.smil", "a.mp4"));
    assertEquals("dir/b/a.mp4", SmilPaths.resolve("dir/x.smil", "./b//a.mp4"));
    assertEquals("a.mp4", SmilPaths.resolve("dir/x.smil", "../a.mp4"));
    assertEquals("a.mp4", SmilPaths.resolve("x.smil", "a.mp4"));
    for (String bad :
        List.of(
            "../../a.mp4",
            "/etc/passwd",
            "http://example.com/a.mp4",
            "a\\b.mp4",
            "..",
            "a.mp4?x")) {
      MapLocator locator = smil("<smil><body><video src=\"" + bad + "\"/></body></smil>");
      PackagingException e = refused(locator);
      assertEquals(Reason.MALFORMED_SOURCE, e.reason(), bad);
      assertEquals(List.of("dir/x.smil"), locator.opened, "nothing else is opened for " + bad);
    }
  }

  @Test
  void malformedDocumentsAreRefused() {
    for (String bad :
        List.of(
            "<smil><body><video src=\"a.mp4\">",
            "not xml at all",
            "<html><body><video src=\"a.mp4\"/></body></html>",
            "<smil><body></body></smil>",
            "<smil><body><video/></body></smil>",
            "<smil><body><video src=\"a.mp4\" includeAudio=\"maybe\"/></body></smil>")) {
      assertEquals(Reason.MALFORMED_SOURCE, refused(smil(bad)).reason(), bad);
    }
  }

  @Test
  void externalEntitiesAndEntityBombsAreRefused() throws Exception {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE smil [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
            + "<smil><body><video src=\"&x;\"/></body></smil>";
    PackagingException e = refused(smil(xxe));
    assertEquals(Reason.MALFORMED_SOURCE, e.reason());
    String hostname = Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
    assertFalse(!hostname.isEmpty() && e.getMessage().contains(hostname), e.getMessage());
    StringBuilder bomb =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE smil [<!ENTITY a \"aaaaaaaaaa\">");
    for (int i = 1; i < 10; i++) {
      bomb.append("<!ENTITY a").append(i).append(" \"");
      bomb.append(("&a" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
    }
    bomb.append("]><smil><body><video src=\"&a9;\"/></body></smil>");
    assertEquals(Reason.MALFORMED_SOURCE, refused(smil(bomb.toString())).reason());
  }

  @Test
  void oversizedSmilIsRefused() {
    byte[] big = new byte[SmilDemuxer.MAX_SMIL_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    MapLocator locator = new MapLocator().put("dir/x.smil", big);
    assertEquals(Reason.MALFORMED_SOURCE, refused(locator).reason());
  }

  @Test
  void readsFilesInASubfolder() throws Exception {
    byte[] video = Files.readAllBytes(Mp4TestMedia.split().resolve("video.mp4"));
    MapLocator locator =
        smil("<smil><body><switch><video src=\"media/v.mp4\"/></switch></body></smil>")
            .put("dir/media/v.mp4", video);
    CollectingHandler out = new CollectingHandler();
    new SmilDemuxer(locator, "dir/x.smil").run(out, f -> {});
    assertEquals(1, out.infos.size());
    assertEquals(360, out.samples.get(1).size());
    assertTrue(out.ended);
  }
}
