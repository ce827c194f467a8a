package org.openvod.origin.http;

import java.util.Locale;

/**
 * What a playback file is, decided from its name: its Content-Type, and whether it is a manifest
 * (short cache life, gzip) or an immutable media object (cached for a year).
 */
public enum MediaKind {
  HLS_PLAYLIST("application/vnd.apple.mpegurl", true),
  DASH_MANIFEST("application/dash+xml", true),
  MSS_MANIFEST("text/xml", true),
  TS_SEGMENT("video/MP2T", false),
  MP4_VIDEO("video/mp4", false),
  MP4_AUDIO("audio/mp4", false),
  AAC_AUDIO("audio/aac", false),
  WEBVTT("text/vtt", false),
  TTML("application/ttml+xml", false),
  OTHER("application/octet-stream", false);

  private final String contentType;
  private final boolean manifest;

  MediaKind(String contentType, boolean manifest) {
    this.contentType = contentType;
    this.manifest = manifest;
  }

  public String contentType() {
    return contentType;
  }

  /** Manifests may still be rewritten by a re-package; everything else never changes. */
  public boolean isManifest() {
    return manifest;
  }

  /** The kind of a file path below the manifest directory (e.g. {@code index.ism/Manifest}). */
  public static MediaKind of(String file) {
    int slash = file.lastIndexOf('/');
    String name = slash < 0 ? file : file.substring(slash + 1);
    if (slash >= 0) {
      String parent = file.substring(0, slash);
      // Smooth Streaming: {name}.ism/Manifest and {name}.ism/QualityLevels(b)/Fragments(t=n)
      if (name.equals("Manifest") && parent.endsWith(".ism")) {
        return MSS_MANIFEST;
      }
      if (name.startsWith("Fragments(") && parent.contains("QualityLevels(")) {
        return name.startsWith("Fragments(audio") ? MP4_AUDIO : MP4_VIDEO;
      }
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    switch (ext) {
      case "m3u8":
        return HLS_PLAYLIST;
      case "mpd":
        return DASH_MANIFEST;
      case "ts":
        return TS_SEGMENT;
      case "mp4":
      case "m4s":
      case "m4v":
      case "cmfv":
        return MP4_VIDEO;
      case "m4a":
      case "cmfa":
        return MP4_AUDIO;
      case "aac":
        return AAC_AUDIO;
      case "vtt":
      case "webvtt":
        return WEBVTT;
      case "ttml":
      case "dfxp":
        return TTML;
      default:
        return OTHER;
    }
  }
}
