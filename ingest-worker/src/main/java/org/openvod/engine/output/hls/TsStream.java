package org.openvod.engine.output.hls;

import java.util.List;
import org.openvod.engine.codec.Aac;
import org.openvod.engine.codec.H264;
import org.openvod.engine.codec.H265;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/**
 * One elementary stream of a TS output: its PID, stream type, and how a sample becomes PES payload
 * (Annex B with an AUD and, before key frames, parameter sets; ADTS-framed AAC; AC-3 as is).
 */
final class TsStream {

  private static final byte[] START = {0, 0, 0, 1};
  private static final byte[] H264_AUD = {0, 0, 0, 1, 0x09, (byte) 0xf0};
  private static final byte[] H265_AUD = {0, 0, 0, 1, 0x46, 0x01, 0x50};

  final StreamInfo info;
  final int pid;
  final int streamType;
  final int streamId;
  private final List<byte[]> parameterSets;

  TsStream(StreamInfo info, int pid) {
    this.info = info;
    this.pid = pid;
    Codec codec = info.codec();
    switch (codec) {
      case H264 -> {
        streamType = 0x1b;
        streamId = 0xe0;
        parameterSets = H264.parameterSets(info.decoderConfig());
      }
      case H265 -> {
        streamType = 0x24;
        streamId = 0xe0;
        parameterSets = H265.parameterSets(info.decoderConfig());
      }
      case AAC -> {
        streamType = 0x0f;
        streamId = 0xc0;
        parameterSets = List.of();
      }
      case AC3 -> {
        streamType = 0x81;
        streamId = 0xbd;
        parameterSets = List.of();
      }
      case EAC3 -> {
        streamType = 0x87;
        streamId = 0xbd;
        parameterSets = List.of();
      }
      default -> throw new IllegalArgumentException(codec + " cannot go into MPEG-TS segments");
    }
    if (codec == Codec.AAC && (info.decoderConfig() == null || info.decoderConfig().length < 2)) {
      throw new IllegalArgumentException(
          "AAC track " + info.trackId() + " has no AudioSpecificConfig");
    }
  }

  boolean isVideo() {
    return streamId == 0xe0;
  }

  /** The PES payload of one sample. */
  byte[] payload(Sample sample) {
    switch (info.codec()) {
      case H264, H265 -> {
        return annexB(sample);
      }
      case AAC -> {
        byte[] header = Aac.adtsHeader(info.decoderConfig(), sample.data().length);
        byte[] out = new byte[header.length + sample.data().length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(sample.data(), 0, out, header.length, sample.data().length);
        return out;
      }
      default -> {
        return sample.data();
      }
    }
  }

  /**
   * Length-prefixed NAL units to Annex B in two passes over the sample and no array per unit: the
   * first checks the framing, finds in-band parameter sets and sizes the output, the second writes
   * it (AUD, parameter sets before key frames that carry none, each unit but AUDs after a start
   * code).
   */
  private byte[] annexB(Sample sample) {
    boolean hevc = info.codec() == Codec.H265;
    byte[] data = sample.data();
    byte[] aud = hevc ? H265_AUD : H264_AUD;
    long size = aud.length;
    boolean inBand = false;
    int p = 0;
    while (p + 4 <= data.length) {
      int n = unitLength(data, p);
      p += 4;
      if (n < 0 || p + n > data.length) {
        throw new IllegalArgumentException("NAL length " + n + " runs past the sample");
      }
      int type = type(hevc, data, p, n);
      if (hevc ? type == H265.NAL_SPS : type == H264.NAL_SPS) {
        inBand = true;
      }
      if (!(hevc ? type == H265.NAL_AUD : type == H264.NAL_AUD)) {
        size += START.length + n;
      }
      p += n;
    }
    boolean withParameterSets = sample.keyframe() && !inBand;
    if (withParameterSets) {
      for (byte[] unit : parameterSets) {
        size += START.length + unit.length;
      }
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a video sample of " + size + " bytes");
    }
    byte[] out = new byte[(int) size];
    int o = put(out, 0, aud, 0, aud.length);
    if (withParameterSets) {
      for (byte[] unit : parameterSets) {
        o = put(out, o, START, 0, START.length);
        o = put(out, o, unit, 0, unit.length);
      }
    }
    p = 0;
    while (p + 4 <= data.length) {
      int n = unitLength(data, p);
      p += 4;
      int type = type(hevc, data, p, n);
      if (!(hevc ? type == H265.NAL_AUD : type == H264.NAL_AUD)) {
        o = put(out, o, START, 0, START.length);
        o = put(out, o, data, p, n);
      }
      p += n;
    }
    return out;
  }

  private static int unitLength(byte[] data, int p) {
    return ((data[p] & 0xff) << 24)
        | ((data[p + 1] & 0xff) << 16)
        | ((data[p + 2] & 0xff) << 8)
        | (data[p + 3] & 0xff);
  }

  /** The NAL unit type, as {@link H264#type} and {@link H265#type} read it (-1: empty unit). */
  private static int type(boolean hevc, byte[] data, int at, int length) {
    if (length == 0) {
      return -1;
    }
    return hevc ? (data[at] >> 1) & 0x3f : data[at] & 0x1f;
  }

  private static int put(byte[] out, int at, byte[] src, int from, int length) {
    System.arraycopy(src, from, out, at, length);
    return at + length;
  }
}
