package org.openvod.engine.source.hls;

import org.openvod.engine.media.Codec;
import org.openvod.engine.media.TrackKind;

/** What an elementary stream parser learnt of its stream's format from the bitstream. */
record TrackFormat(
    TrackKind kind,
    Codec codec,
    String codecString,
    int width,
    int height,
    double frameRate,
    int sampleRate,
    int channels,
    byte[] decoderConfig,
    long frameDuration) {}
