package org.openvod.engine.output.fmp4;

import org.openvod.engine.media.TrackKind;

/** Where the files of one track of a CMAF output go, relative to the output's folder. */
record CmafTrackFiles(String folder) {

  static CmafTrackFiles of(FragmentedTrack track) {
    String kind = track.info().kind() == TrackKind.VIDEO ? "video" : "audio";
    return new CmafTrackFiles(kind + "_" + track.info().trackId());
  }

  String init() {
    return folder + "/init.mp4";
  }

  String segment(int number) {
    return folder + "/segment_" + number + ".m4s";
  }

  String iframe(int number) {
    return folder + "/iframe_" + number + ".m4s";
  }

  String mediaPlaylist(String manifest) {
    return folder + "/" + manifest + ".m3u8";
  }

  String iframePlaylist(String manifest) {
    return folder + "/" + manifest + "_iframes.m3u8";
  }

  /** A path of this folder, relative to this folder (as a media playlist names it). */
  static String local(String path) {
    return path.substring(path.indexOf('/') + 1);
  }
}
