package org.openvod.engine.source.hls;

import java.util.List;

/** The root playlist of a source: variants, audio renditions and subtitle renditions. */
record MultivariantPlaylist(
    List<Variant> variants, List<AudioRendition> audio, List<SubtitleRendition> subtitles) {}
