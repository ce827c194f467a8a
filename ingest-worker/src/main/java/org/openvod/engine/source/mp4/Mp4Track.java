package org.openvod.engine.source.mp4;

import org.openvod.engine.media.Codec;
import org.openvod.engine.media.TrackKind;

/**
 * One audio or video track of a non-fragmented MP4, as read from its moov.
 *
 * @param fileTrackId the tkhd track_ID inside its file
 * @param decoderConfig avcC (with 4-byte NAL lengths) or AudioSpecificConfig
 * @param nalLengthSize NAL length size of the samples as stored (video), 0 for audio
 * @param language ISO 639-2 code from mdhd, null when "und"
 * @param timeOffset added to every dts and pts: the edit list's start (empty edit minus
 *     media_time), in the track's timescale
 */
record Mp4Track(
    int fileTrackId,
    TrackKind kind,
    Codec codec,
    String codecString,
    long timescale,
    int width,
    int height,
    int sampleRate,
    int channels,
    byte[] decoderConfig,
    int nalLengthSize,
    String language,
    long timeOffset,
    SampleTable samples) {

  double durationSeconds() {
    return samples.endTime() / (double) timescale;
  }

  long averageBitrate() {
    double seconds = durationSeconds();
    return seconds <= 0 ? 0 : Math.round(samples.totalBytes() * 8 / seconds);
  }

  double frameRate() {
    double seconds = durationSeconds();
    return seconds <= 0 ? 0 : Math.round(samples.count() / seconds * 1000) / 1000.0;
  }
}
