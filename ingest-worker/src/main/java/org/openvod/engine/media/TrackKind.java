package org.openvod.engine.media;

public enum TrackKind {
  VIDEO,
  AUDIO,
  SUBTITLE
}
