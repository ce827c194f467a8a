package org.openvod.engine.output;

/** The container and manifest family of one output. */
public enum OutputFormat {
  /** HLS with MPEG-TS segments. */
  HLS_TS,
  /** HLS with fragmented MP4 (CMAF) segments and EXT-X-MAP. */
  CMAF,
  /** MPEG-DASH with fragmented MP4 segments. */
  DASH,
  /** Microsoft Smooth Streaming. */
  MSS
}
