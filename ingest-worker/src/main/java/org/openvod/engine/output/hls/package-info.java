/**
 * HLS with MPEG-TS segments: {@link org.openvod.engine.output.hls.HlsTsOutput} lays out variants
 * and audio renditions, {@code VariantMuxer} and {@code AudioRenditionMuxer} collect a segment's
 * samples, {@code TsSegmentWriter} writes its TS bytes, {@code PlaylistWriter} the playlists.
 *
 * <p>Encryption: {@code HlsEncryption} gives each rendition its {@code RenditionKey} (key, IV per
 * segment, EXT-X-KEY lines, written by {@code KeyTags}). SAMPLE-AES samples are encrypted by {@code
 * TsStream} as they become PES payload, with the IV of the segment being written, and signalled in
 * the PMT ({@code SampleAesSignalling}); AES-128 segments are encrypted whole after the muxer by
 * {@code SegmentSealer}.
 */
package org.openvod.engine.output.hls;
