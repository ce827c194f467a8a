package org.openvod.engine.playback;

/** The real players the harness drives, by the name play.mjs knows them. */
enum Player {
  HLS_JS("hlsjs"),
  DASH_JS("dashjs"),
  SHAKA("shaka"),
  /** Shaka Player 4.16: Shaka 5 dropped the Smooth Streaming parser, 4.16 still has it. */
  SHAKA_4("shaka4");

  private final String cliName;

  Player(String cliName) {
    this.cliName = cliName;
  }

  String cliName() {
    return cliName;
  }
}
