package org.openvod.engine.output;

/**
 * One manifest of an output, as its packaging configuration asks (MediaPackage's HlsManifest,
 * DashManifest or MssManifest; fields that do not apply to the format are ignored).
 *
 * @param name base file name, e.g. {@code index}
 * @param includeIframeOnlyStream HLS/CMAF: I-frame-only playlists
 * @param programDateTimeIntervalSeconds HLS/CMAF: EXT-X-PROGRAM-DATE-TIME interval, 0 = none
 * @param adMarkers HLS/CMAF: NONE, SCTE35_ENHANCED or PASSTHROUGH
 * @param minVideoBitsPerSecond stream selection lower bound (inclusive)
 * @param maxVideoBitsPerSecond stream selection upper bound (inclusive)
 * @param streamOrder ORIGINAL, VIDEO_BITRATE_ASCENDING or VIDEO_BITRATE_DESCENDING
 * @param dashManifestLayout DASH: FULL or COMPACT
 * @param minBufferTimeSeconds DASH: MPD@minBufferTime
 * @param dashProfile DASH: NONE or HBBTV_1_5
 * @param repeatExtXKey HLS/CMAF, encrypted: EXT-X-KEY before every segment, not only when it
 *     changes
 */
public record ManifestSpec(
    String name,
    boolean includeIframeOnlyStream,
    int programDateTimeIntervalSeconds,
    String adMarkers,
    long minVideoBitsPerSecond,
    long maxVideoBitsPerSecond,
    String streamOrder,
    String dashManifestLayout,
    int minBufferTimeSeconds,
    String dashProfile,
    boolean repeatExtXKey) {

  /** A manifest without repeatExtXKey (clear outputs, DASH, MSS). */
  public ManifestSpec(
      String name,
      boolean includeIframeOnlyStream,
      int programDateTimeIntervalSeconds,
      String adMarkers,
      long minVideoBitsPerSecond,
      long maxVideoBitsPerSecond,
      String streamOrder,
      String dashManifestLayout,
      int minBufferTimeSeconds,
      String dashProfile) {
    this(
        name,
        includeIframeOnlyStream,
        programDateTimeIntervalSeconds,
        adMarkers,
        minVideoBitsPerSecond,
        maxVideoBitsPerSecond,
        streamOrder,
        dashManifestLayout,
        minBufferTimeSeconds,
        dashProfile,
        false);
  }

  /** A manifest with every option at MediaPackage's default. */
  public static ManifestSpec named(String name) {
    return new ManifestSpec(
        name, false, 0, "NONE", 0, Integer.MAX_VALUE, "ORIGINAL", "FULL", 0, "NONE");
  }

  public String fileName(OutputFormat format) {
    return switch (format) {
      case HLS_TS, CMAF -> name + ".m3u8";
      case DASH -> name + ".mpd";
      case MSS -> name + ".ism/Manifest";
    };
  }
}
