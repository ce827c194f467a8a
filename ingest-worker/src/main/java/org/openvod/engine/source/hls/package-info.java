/**
 * The HLS-TS source reader: {@link org.openvod.engine.source.hls.HlsDemuxer} parses the
 * multivariant and media playlists ({@code PlaylistParser}), reads each rendition's TS segments one
 * at a time through the {@link org.openvod.engine.source.SourceLocator} ({@code RenditionReader},
 * {@code TsPacketReader}) and turns PES packets into samples with one parser per elementary stream:
 * H.264 and H.265 (Annex B to length-prefixed NAL units, AUDs removed), AAC (ADTS removed, one
 * sample per frame), AC-3 and E-AC-3.
 */
package org.openvod.engine.source.hls;
