package org.openvod.engine.media;

/** Elementary stream codecs the engine knows; anything else is refused by the demuxers. */
public enum Codec {
  H264,
  H265,
  AAC,
  AC3,
  EAC3,
  WEBVTT
}
