package org.openvod.ingest.output;

import java.util.Locale;

/**
 * The Content-Type each output file is stored with, so the origin can pass it on unchanged.
 * Manifests and TS segments are typed by name. Fragmented MP4 (init segments, .m4s media segments,
 * Smooth Streaming fragments) is {@code audio/mp4} for audio tracks and {@code video/mp4}
 * otherwise: the engine's own type is taken when it says audio, else the path decides (the engine
 * names audio folders and MSS streams after their kind).
 */
public final class ContentTypes {

  private ContentTypes() {}

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
    String engine = fromEngine == null ? "" : fromEngine.toLowerCase(Locale.ROOT);
    if (isFragmentedMp4(lower, engine)) {
      return engine.equals("audio/mp4") || namesAudio(lower) ? "audio/mp4" : "video/mp4";
    }
    if (lower.endsWith(".aac")) {
      return "audio/aac";
    }
    return engine.isBlank() ? "application/octet-stream" : fromEngine;
  }

  private static boolean isFragmentedMp4(String lower, String engine) {
    return lower.endsWith(".mp4")
        || lower.endsWith(".m4s")
        || lower.endsWith(".cmfv")
        || lower.endsWith(".cmfa")
        || lower.contains("/fragments(")
        || lower.startsWith("fragments(")
        || engine.equals("video/mp4")
        || engine.equals("audio/mp4")
        || engine.equals("video/iso.segment");
  }

  /** A folder named audio..., or an MSS fragment of an audio stream: Fragments(audio...=t). */
  private static boolean namesAudio(String lower) {
    for (String part : lower.split("/")) {
      if (part.startsWith("audio") || part.startsWith("fragments(audio")) {
        return true;
      }
    }
    return false;
  }
}
