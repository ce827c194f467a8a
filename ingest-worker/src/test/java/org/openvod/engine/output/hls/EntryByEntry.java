package org.openvod.engine.output.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.testing.TestMedia;

/**
 * Checks a SAMPLE-AES media playlist with ffmpeg one entry at a time: each entry, with the
 * EXT-X-KEY line in force for it, goes into a playlist of its own, listed twice, and the frames of
 * the first copy must equal the clear output's frames of the same entry.
 *
 * <p>Why not the whole playlist at once: ffmpeg 5.1's HLS demuxer decrypts a packet with the key
 * and IV of the segment it is reading when the packet leaves its parser, and the H.264 parser holds
 * each access unit back until the next one starts. So a segment's last frames are decrypted with
 * the next segment's IV (wrong when IVs rotate) and the playlist's last frames not at all (no
 * segment is current at end of file). And it reads ahead (32 KiB and more), so an entry smaller
 * than that, such as an I-frame byte range, would be read to its end, and no segment be current,
 * before its first packet is out. Listing the entry again, until 256 KiB follow it, keeps its own
 * IV in force while all its frames come out. Players decrypt segment by segment and are not
 * affected.
 */
final class EntryByEntry {

  private EntryByEntry() {}

  /** One playlist entry: its lines (EXTINF, BYTERANGE, URI) and the key line in force. */
  private record Entry(String keyLine, List<String> lines) {}

  /**
   * @return how many entries were checked
   */
  static int assertDecryptsToTheClearFrames(Path clearDir, Path encryptedDir, String playlist) {
    return assertDecryptsToTheClearFrames(clearDir, encryptedDir, playlist, null);
  }

  /**
   * @param localKey when not null, the key line's URI is replaced by a local file with this key:
   *     for byte ranges at an offset, ffmpeg 5.1 sends the segment's range with the key request too
   *     (hls.c passes the same options), which an HTTP key server cannot answer
   * @return how many entries were checked
   */
  static int assertDecryptsToTheClearFrames(
      Path clearDir, Path encryptedDir, String playlist, byte[] localKey) {
    List<Entry> clear = entries(clearDir.resolve(playlist));
    List<Entry> encrypted = entries(encryptedDir.resolve(playlist));
    if (localKey != null) {
      try {
        Files.write(encryptedDir.resolve("check.key"), localKey);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      encrypted =
          encrypted.stream()
              .map(
                  e ->
                      new Entry(
                          e.keyLine().replaceAll("URI=\"[^\"]*\"", "URI=\"check.key\""), e.lines()))
              .toList();
    }
    assertEquals(clear.size(), encrypted.size(), "entries of " + playlist);
    for (int i = 0; i < clear.size(); i++) {
      assertTrue(encrypted.get(i).keyLine() != null, "entry " + i + " has an EXT-X-KEY in force");
      Map<String, List<String>> expected =
          byStream(
              DecodedFrames.ofPlaylist(clearDir, write(clearDir, "check_" + i, clear.get(i), 1)));
      Map<String, List<String>> actual =
          byStream(
              DecodedFrames.ofPlaylist(
                  encryptedDir,
                  List.of("-allowed_extensions", "ALL"),
                  write(
                      encryptedDir,
                      "check_" + i,
                      encrypted.get(i),
                      copies(encryptedDir, encrypted.get(i)))));
      assertEquals(expected.keySet(), actual.keySet(), "streams of entry " + i);
      for (String stream : expected.keySet()) {
        List<String> want = expected.get(stream);
        List<String> got = actual.get(stream);
        assertTrue(got.size() >= want.size(), "frames of stream " + stream + ", entry " + i);
        assertEquals(
            want,
            got.subList(0, want.size()),
            playlist + " entry " + i + " stream " + stream + " decrypts to the clear frames");
      }
    }
    return clear.size();
  }

  /** framemd5 lines grouped by stream, each reduced to "size, hash" (times differ by copy). */
  private static Map<String, List<String>> byStream(List<String> frames) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : frames) {
      String[] f = line.split(",");
      out.computeIfAbsent(f[0].trim(), k -> new ArrayList<>()).add(f[4].trim() + "," + f[5].trim());
    }
    return out;
  }

  private static List<Entry> entries(Path playlist) {
    List<Entry> out = new ArrayList<>();
    String key = null;
    List<String> current = new ArrayList<>();
    for (String line : TestMedia.read(playlist).split("\n")) {
      if (line.startsWith("#EXT-X-KEY")) {
        key = line;
      } else if (line.startsWith("#EXTINF") || line.startsWith("#EXT-X-BYTERANGE")) {
        current.add(line);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        current.add(line);
        out.add(new Entry(key, List.copyOf(current)));
        current.clear();
      }
    }
    return out;
  }

  /** One copy, then as many more as make 256 KiB. */
  private static int copies(Path dir, Entry entry) {
    long size = -1;
    for (String line : entry.lines()) {
      if (line.startsWith("#EXT-X-BYTERANGE:")) {
        String range = line.substring("#EXT-X-BYTERANGE:".length());
        size = Long.parseLong(range.contains("@") ? range.substring(0, range.indexOf('@')) : range);
      }
    }
    if (size < 0) {
      try {
        size = Files.size(dir.resolve(entry.lines().get(entry.lines().size() - 1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return 1 + (int) Math.max(1, (256 * 1024 + size - 1) / size);
  }

  private static String write(Path dir, String name, Entry entry, int copies) {
    StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:5\n#EXT-X-TARGETDURATION:10\n");
    text.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
    if (entry.keyLine() != null) {
      text.append(entry.keyLine()).append('\n');
    }
    for (int c = 0; c < copies; c++) {
      entry.lines().forEach(l -> text.append(l).append('\n'));
    }
    text.append("#EXT-X-ENDLIST\n");
    String file = name + ".m3u8";
    try {
      Files.writeString(dir.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
