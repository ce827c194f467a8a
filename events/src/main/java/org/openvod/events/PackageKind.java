package org.openvod.events;

/** The four output formats a packaging configuration can ask for. */
public enum PackageKind {
  HLS,
  CMAF,
  DASH,
  MSS
}
