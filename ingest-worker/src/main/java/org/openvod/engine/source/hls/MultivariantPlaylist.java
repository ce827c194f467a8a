package org.openvod.engine.source.hls;

import java.util.List;

/** The root playlist of a source: variants and audio renditions with playlists of their own. */
record MultivariantPlaylist(List<Variant> variants, List<AudioRendition> audio) {}
