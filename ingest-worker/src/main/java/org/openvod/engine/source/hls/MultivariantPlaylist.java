package org.openvod.engine.source.hls;

import java.util.List;

/**
 * The root playlist of a source: variants, audio renditions, subtitle renditions and closed caption
 * services.
 */
record MultivariantPlaylist(
    List<Variant> variants,
    List<AudioRendition> audio,
    List<SubtitleRendition> subtitles,
    List<ClosedCaptionRendition> closedCaptions) {

  MultivariantPlaylist(
      List<Variant> variants, List<AudioRendition> audio, List<SubtitleRendition> subtitles) {
    this(variants, audio, subtitles, List.of());
  }
}
