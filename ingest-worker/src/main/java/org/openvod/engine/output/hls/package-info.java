/**
 * HLS with MPEG-TS segments: {@link org.openvod.engine.output.hls.HlsTsOutput} lays out variants
 * and audio renditions, {@code VariantMuxer} and {@code AudioRenditionMuxer} collect a segment's
 * samples, {@code TsSegmentWriter} writes its TS bytes, {@code PlaylistWriter} the playlists.
 */
package org.openvod.engine.output.hls;
