package org.openvod.engine.media;

/**
 * Everything known about one elementary stream before its first sample.
 *
 * @param trackId unique within one packaging pass (across all renditions of the source)
 * @param renditionId groups the tracks that came from one source rendition (one HLS variant or one
 *     SMIL file); muxed outputs keep a rendition's audio with its video
 * @param codecString RFC 6381 string read from the bitstream, e.g. {@code avc1.64001f}, {@code
 *     mp4a.40.2}
 * @param timescale ticks per second of this track's sample times
 * @param decoderConfig AVCDecoderConfigurationRecord (H.264), HEVCDecoderConfigurationRecord
 *     (H.265), AudioSpecificConfig (AAC); null for others
 * @param bitrate average bits per second when known (0 when not)
 * @param language ISO 639 language or null
 * @param name human name (HLS NAME, SMIL audioName) or null
 */
public record StreamInfo(
    int trackId,
    int renditionId,
    TrackKind kind,
    Codec codec,
    String codecString,
    long timescale,
    int width,
    int height,
    double frameRate,
    int sampleRate,
    int channels,
    byte[] decoderConfig,
    long bitrate,
    String language,
    String name) {}
