package org.openvod.engine.output.hls;

import java.util.List;
import org.openvod.engine.codec.Aac;
import org.openvod.engine.codec.ByteStore;
import org.openvod.engine.codec.H264;
import org.openvod.engine.codec.H265;
import org.openvod.engine.codec.Nal;
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

  private byte[] annexB(Sample sample) {
    boolean hevc = info.codec() == Codec.H265;
    List<byte[]> units = Nal.splitLengthPrefixed(sample.data());
    ByteStore out = new ByteStore(sample.data().length + 64);
    out.write(hevc ? H265_AUD : H264_AUD);
    boolean inBand = false;
    for (byte[] unit : units) {
      int type = hevc ? H265.type(unit) : H264.type(unit);
      if (hevc ? type == H265.NAL_SPS : type == H264.NAL_SPS) {
        inBand = true;
      }
    }
    if (sample.keyframe() && !inBand) {
      for (byte[] unit : parameterSets) {
        out.write(START);
        out.write(unit);
      }
    }
    for (byte[] unit : units) {
      int type = hevc ? H265.type(unit) : H264.type(unit);
      if (hevc ? type == H265.NAL_AUD : type == H264.NAL_AUD) {
        continue;
      }
      out.write(START);
      out.write(unit);
    }
    return out.toByteArray();
  }
}
