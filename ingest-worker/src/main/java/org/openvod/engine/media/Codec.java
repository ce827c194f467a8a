package org.openvod.engine.media;

/** Elementary stream codecs the engine knows; anything else is refused by the demuxers. */
public enum Codec {
  H264,
  H265,
  AAC,
  AC3,
  EAC3,
  WEBVTT,
  /**
   * CEA-608/708 closed captions carried in the video's SEI (which outputs pass through): a stream
   * info of this codec (kind SUBTITLE, no samples) describes one caption service of its rendition's
   * video, for the outputs' signalling. Its codec string is the service (HLS INSTREAM-ID: CC1..CC4,
   * SERVICE1..63).
   */
  CEA608
}
