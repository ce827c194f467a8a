package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.ENCRYPTED_SOURCE;
import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;
import static org.openvod.engine.media.PackagingException.Reason.UNSUPPORTED_CONTENT;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.openvod.engine.media.PackagingException;

/**
 * Parses HLS playlists of a VOD source (RFC 8216): multivariant playlists with their variants and
 * audio renditions, and media playlists with their segments. Refuses what cannot be packaged as
 * VOD: live playlists, encrypted segments, fMP4 segments.
 */
final class PlaylistParser {

  private PlaylistParser() {}

  static boolean isMultivariant(String text) {
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("#EXT-X-STREAM-INF")) {
        return true;
      }
      if (line.startsWith("#EXTINF")) {
        return false;
      }
    }
    return false;
  }

  static MultivariantPlaylist parseMultivariant(String path, String text)
      throws PackagingException {
    List<String> lines = lines(path, text);
    List<Variant> variants = new ArrayList<>();
    List<AudioRendition> audio = new ArrayList<>();
    List<SubtitleRendition> subtitles = new ArrayList<>();
    List<ClosedCaptionRendition> closedCaptions = new ArrayList<>();
    Attributes pending = null;
    for (String line : lines) {
      if (line.startsWith("#EXT-X-STREAM-INF:")) {
        pending = Attributes.parse(after(line));
      } else if (line.startsWith("#EXT-X-MEDIA:")) {
        Attributes media = Attributes.parse(after(line));
        if ("SUBTITLES".equals(media.get("TYPE")) && media.get("URI") != null) {
          subtitles.add(
              new SubtitleRendition(
                  media.get("GROUP-ID"),
                  resolve(path, media.get("URI")),
                  media.get("LANGUAGE"),
                  media.get("NAME"),
                  media.getYes("DEFAULT")));
        } else if ("CLOSED-CAPTIONS".equals(media.get("TYPE"))
            && media.get("GROUP-ID") != null
            && media.get("INSTREAM-ID") != null) {
          closedCaptions.add(
              new ClosedCaptionRendition(
                  media.get("GROUP-ID"),
                  media.get("INSTREAM-ID"),
                  media.get("LANGUAGE"),
                  media.get("NAME"),
                  media.getYes("DEFAULT"),
                  media.getYes("AUTOSELECT")));
        } else if ("AUDIO".equals(media.get("TYPE"))) {
          String uri = media.get("URI");
          audio.add(
              new AudioRendition(
                  media.get("GROUP-ID"),
                  uri == null ? null : resolve(path, uri),
                  media.get("LANGUAGE"),
                  media.get("NAME"),
                  media.getYes("DEFAULT")));
        }
      } else if (line.startsWith("#EXT-X-SESSION-KEY:")) {
        checkKey(path, Attributes.parse(after(line)));
      } else if (!line.startsWith("#") && pending != null) {
        String captions = pending.get("CLOSED-CAPTIONS");
        variants.add(
            new Variant(
                resolve(path, line),
                pending.getLong("BANDWIDTH", 0),
                pending.get("AUDIO"),
                "NONE".equals(captions) ? null : captions));
        pending = null;
      }
    }
    if (variants.isEmpty()) {
      throw new PackagingException(MALFORMED_SOURCE, path + ": no EXT-X-STREAM-INF variant");
    }
    return new MultivariantPlaylist(variants, audio, subtitles, closedCaptions);
  }

  static MediaPlaylist parseMedia(String path, String text) throws PackagingException {
    List<String> lines = lines(path, text);
    List<MediaSegment> segments = new ArrayList<>();
    boolean endList = false;
    Double duration = null;
    long rangeLength = -1;
    Long rangeOffset = null;
    String lastRangePath = null;
    long lastRangeEnd = 0;
    List<String> cueTags = new ArrayList<>();
    for (String line : lines) {
      if (CueTags.isCueTag(line)) {
        cueTags.add(line);
      } else if (line.startsWith("#EXTINF:")) {
        String value = after(line);
        int comma = value.indexOf(',');
        String seconds = (comma < 0 ? value : value.substring(0, comma)).trim();
        try {
          duration = Double.parseDouble(seconds);
        } catch (NumberFormatException e) {
          throw new PackagingException(
              MALFORMED_SOURCE, path + ": EXTINF duration '" + seconds + "' is not a number");
        }
      } else if (line.startsWith("#EXT-X-BYTERANGE:")) {
        String value = after(line).trim();
        int at = value.indexOf('@');
        try {
          rangeLength = Long.parseLong(at < 0 ? value : value.substring(0, at));
          rangeOffset = at < 0 ? null : Long.parseLong(value.substring(at + 1));
        } catch (NumberFormatException e) {
          throw new PackagingException(
              MALFORMED_SOURCE, path + ": EXT-X-BYTERANGE '" + value + "' is not n[@o]");
        }
      } else if (line.startsWith("#EXT-X-KEY:")) {
        checkKey(path, Attributes.parse(after(line)));
      } else if (line.startsWith("#EXT-X-MAP")) {
        throw new PackagingException(
            UNSUPPORTED_CONTENT,
            path + ": fMP4 segments (EXT-X-MAP) are not supported, sources must be MPEG-TS");
      } else if (line.startsWith("#EXT-X-DISCONTINUITY") && !line.contains("SEQUENCE")) {
        throw new PackagingException(
            UNSUPPORTED_CONTENT, path + ": EXT-X-DISCONTINUITY is not supported in sources");
      } else if (line.equals("#EXT-X-ENDLIST")) {
        endList = true;
      } else if (!line.startsWith("#")) {
        if (duration == null) {
          throw new PackagingException(
              MALFORMED_SOURCE, path + ": segment " + line + " has no EXTINF");
        }
        String segmentPath = resolve(path, line);
        long offset = 0;
        long length = -1;
        if (rangeLength >= 0) {
          if (rangeOffset == null) {
            if (!segmentPath.equals(lastRangePath)) {
              throw new PackagingException(
                  MALFORMED_SOURCE,
                  path
                      + ": EXT-X-BYTERANGE without offset for "
                      + line
                      + " follows no range of it");
            }
            offset = lastRangeEnd;
          } else {
            offset = rangeOffset;
          }
          length = rangeLength;
          lastRangePath = segmentPath;
          lastRangeEnd = offset + length;
        }
        segments.add(new MediaSegment(segmentPath, duration, offset, length, cueTags));
        cueTags = new ArrayList<>();
        duration = null;
        rangeLength = -1;
        rangeOffset = null;
      }
    }
    if (!endList) {
      throw new PackagingException(
          UNSUPPORTED_CONTENT,
          path + ": live playlist (no EXT-X-ENDLIST); only VOD sources can be packaged");
    }
    if (segments.isEmpty()) {
      throw new PackagingException(MALFORMED_SOURCE, path + ": the playlist has no segments");
    }
    return new MediaPlaylist(path, List.copyOf(segments));
  }

  private static void checkKey(String path, Attributes key) throws PackagingException {
    String method = key.get("METHOD");
    if (method != null && !"NONE".equals(method)) {
      throw new PackagingException(
          ENCRYPTED_SOURCE,
          path + ": encrypted source (EXT-X-KEY METHOD=" + method + "); sources must be clear");
    }
  }

  private static List<String> lines(String path, String text) throws PackagingException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>();
    for (String raw : body.split("\r?\n")) {
      String line = raw.strip();
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty() || !lines.get(0).equals("#EXTM3U")) {
      throw new PackagingException(MALFORMED_SOURCE, path + ": not an HLS playlist (no #EXTM3U)");
    }
    return lines;
  }

  private static String after(String tagLine) {
    return tagLine.substring(tagLine.indexOf(':') + 1);
  }

  /**
   * Resolves {@code uri} against the folder of {@code playlistPath}; both relative to the source
   * root, which a URI may not leave.
   */
  static String resolve(String playlistPath, String uri) throws PackagingException {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.contains("://") || uri.startsWith("/")) {
      throw new PackagingException(
          UNSUPPORTED_CONTENT,
          playlistPath + ": URI " + uri + " is absolute; source URIs must be relative");
    }
    int query = uri.indexOf('?');
    String relative = query < 0 ? uri : uri.substring(0, query);
    relative = URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8);
    int slash = playlistPath.lastIndexOf('/');
    String folder = slash < 0 ? "" : playlistPath.substring(0, slash + 1);
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (folder + relative).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new PackagingException(
              MALFORMED_SOURCE, playlistPath + ": URI " + uri + " leaves the source folder");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
