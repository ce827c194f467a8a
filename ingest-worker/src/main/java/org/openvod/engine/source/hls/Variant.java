package org.openvod.engine.source.hls;

/**
 * One EXT-X-STREAM-INF of a multivariant playlist.
 *
 * @param path its media playlist, resolved against the source root
 * @param bandwidth BANDWIDTH, or 0
 * @param audioGroup AUDIO group id, or null
 */
record Variant(String path, long bandwidth, String audioGroup) {}
