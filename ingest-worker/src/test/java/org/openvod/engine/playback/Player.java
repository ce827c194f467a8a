package org.openvod.engine.playback;

/** The real players the harness drives, by the name play.mjs knows them. */
enum Player {
  HLS_JS("hlsjs"),
  DASH_JS("dashjs"),
  SHAKA("shaka");

  private final String cliName;

  Player(String cliName) {
    this.cliName = cliName;
  }

  String cliName() {
    return cliName;
  }
}
