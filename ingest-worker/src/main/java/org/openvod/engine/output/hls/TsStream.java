package org.openvod.engine.output.hls;

import java.util.List;
import org.openvod.engine.codec.Aac;
import org.openvod.engine.codec.H264;
import org.openvod.engine.codec.H265;
import org.openvod.engine.encrypt.SampleAesEncryptor;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/**
 * One elementary stream of a TS output: its PID, stream type, and how a sample becomes PES payload
 * (Annex B with an AUD and, before key frames, parameter sets; ADTS-framed AAC; AC-3 as is).
 *
 * <p>A SAMPLE-AES stream encrypts each sample as it becomes payload, with the IV of the segment
 * being written, and is signalled as Apple's format asks: stream types 0xdb (H.264), 0xcf (AAC),
 * 0xc1 (AC-3), 0xc2 (E-AC-3), a private data indicator descriptor and, for audio, a registration
 * descriptor with the audio setup information.
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
  private final SampleAesEncryptor sampleAes;

  /** The PMT's ES_info descriptors of this stream (empty when clear). */
  final byte[] descriptors;

  TsStream(StreamInfo info, int pid) {
    this(info, pid, null);
  }

  /**
   * @param sampleAes encrypts this stream's samples (SAMPLE-AES), or null for a clear stream
   */
  TsStream(StreamInfo info, int pid, SampleAesEncryptor sampleAes) {
    this.info = info;
    this.pid = pid;
    this.sampleAes = sampleAes;
    Codec codec = info.codec();
    switch (codec) {
      case H264 -> {
        streamType = sampleAes != null ? 0xdb : 0x1b;
        streamId = 0xe0;
        parameterSets = H264.parameterSets(info.decoderConfig());
      }
      case H265 -> {
        streamType = 0x24;
        streamId = 0xe0;
        parameterSets = H265.parameterSets(info.decoderConfig());
      }
      case AAC -> {
        streamType = sampleAes != null ? 0xcf : 0x0f;
        streamId = 0xc0;
        parameterSets = List.of();
      }
      case AC3 -> {
        streamType = sampleAes != null ? 0xc1 : 0x81;
        streamId = 0xbd;
        parameterSets = List.of();
      }
      case EAC3 -> {
        streamType = sampleAes != null ? 0xc2 : 0x87;
        streamId = 0xbd;
        parameterSets = List.of();
      }
      default -> throw new IllegalArgumentException(codec + " cannot go into MPEG-TS segments");
    }
    if (codec == Codec.AAC && (info.decoderConfig() == null || info.decoderConfig().length < 2)) {
      throw new IllegalArgumentException(
          "AAC track " + info.trackId() + " has no AudioSpecificConfig");
    }
    this.descriptors = sampleAes == null ? new byte[0] : SampleAesSignalling.descriptors(info);
  }

  boolean isVideo() {
    return streamId == 0xe0;
  }

  /** The PES payload of one sample of a clear stream. */
  byte[] payload(Sample sample) {
    return payload(sample, null);
  }

  /**
   * The PES payload of one sample.
   *
   * @param iv the IV of the segment being written; used (and required) by SAMPLE-AES streams
   */
  byte[] payload(Sample sample, byte[] iv) {
    PesPayload pieces = new PesPayload();
    appendPayload(sample, iv, pieces);
    return pieces.toArray(0, pieces.count());
  }

  /**
   * Appends the PES payload of one sample to {@code out} as ranges of the sample's (or, for
   * SAMPLE-AES, its encrypted copy's) bytes and of this stream's constant bytes: nothing is copied.
   *
   * @param iv the IV of the segment being written; used (and required) by SAMPLE-AES streams
   */
  void appendPayload(Sample sample, byte[] iv, PesPayload out) {
    byte[] data = sample.data();
    if (sampleAes != null) {
      if (iv == null) {
        throw new IllegalStateException("SAMPLE-AES stream " + pid + " written without an IV");
      }
      data = sampleAes.encrypt(data, iv);
    }
    switch (info.codec()) {
      case H264, H265 -> annexB(data, sample.keyframe(), out);
      case AAC -> {
        out.add(Aac.adtsHeader(info.decoderConfig(), data.length));
        out.add(data);
      }
      default -> out.add(data);
    }
  }

  /**
   * Length-prefixed NAL units to Annex B as ranges of the sample: the first pass checks the framing
   * and finds in-band parameter sets, the second adds the AUD, parameter sets before key frames
   * that carry none, and each unit but AUDs after a start code.
   */
  private void annexB(byte[] data, boolean keyframe, PesPayload out) {
    boolean hevc = info.codec() == Codec.H265;
    long size = 0;
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
      size += START.length + n;
      p += n;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a video sample of " + size + " bytes");
    }
    out.add(hevc ? H265_AUD : H264_AUD);
    if (keyframe && !inBand) {
      for (byte[] unit : parameterSets) {
        out.add(START);
        out.add(unit);
      }
    }
    p = 0;
    while (p + 4 <= data.length) {
      int n = unitLength(data, p);
      p += 4;
      int type = type(hevc, data, p, n);
      if (!(hevc ? type == H265.NAL_AUD : type == H264.NAL_AUD)) {
        out.add(START);
        out.add(data, p, n);
      }
      p += n;
    }
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
}
