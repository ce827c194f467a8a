package org.openvod.engine.source.hls;

/** One EXT-X-MEDIA TYPE=SUBTITLES with its own playlist (WebVTT segments). */
record SubtitleRendition(
    String groupId, String path, String language, String name, boolean isDefault) {}
