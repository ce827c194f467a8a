package org.openvod.ingest.output;

import java.util.Locale;

/** The Content-Type each output file is stored with, so the origin can pass it on unchanged. */
public final class ContentTypes {

  private ContentTypes() {}

  /**
   * The type of an output file: by its name when the name decides it; otherwise what the engine
   * said (it knows whether an fMP4 file holds audio or video); otherwise a guess from the name.
   */
  public static String forFile(String path, String fromEngine) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".m3u8")) {
      return "application/vnd.apple.mpegurl";
    }
    if (lower.endsWith(".mpd")) {
      return "application/dash+xml";
    }
    if (lower.endsWith(".ts")) {
      return "video/MP2T";
    }
    if (lower.endsWith(".ism/manifest") || lower.equals("manifest")) {
      return "text/xml";
    }
    if (lower.endsWith(".vtt") || lower.endsWith(".webvtt")) {
      return "text/vtt";
    }
    if (fromEngine != null && !fromEngine.isBlank()) {
      return fromEngine;
    }
    if (lower.endsWith(".mp4") || lower.endsWith(".m4s") || lower.endsWith(".cmfv")) {
      return lower.contains("audio") ? "audio/mp4" : "video/mp4";
    }
    if (lower.endsWith(".aac")) {
      return "audio/aac";
    }
    return "application/octet-stream";
  }
}
