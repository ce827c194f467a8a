package org.openvod.engine.source.hls;

/**
 * One segment of a media playlist.
 *
 * @param path resolved against the source root
 * @param durationSeconds its EXTINF
 * @param offset first byte of an EXT-X-BYTERANGE, or 0
 * @param length bytes of an EXT-X-BYTERANGE, or -1 for the whole file
 */
record MediaSegment(String path, double durationSeconds, long offset, long length) {}
