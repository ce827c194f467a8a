package org.openvod.engine.source.hls;

/**
 * One EXT-X-MEDIA TYPE=AUDIO.
 *
 * @param path its media playlist, or null when the audio is muxed into the variants' segments
 */
record AudioRendition(
    String groupId, String path, String language, String name, boolean isDefault) {}
