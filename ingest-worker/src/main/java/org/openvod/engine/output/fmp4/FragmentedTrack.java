package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.encrypt.SampleEncryption;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.source.mp4.AvcDecoderConfig;
import org.openvod.engine.source.mp4.HevcDecoderConfig;

/**
 * Gathers one track's samples into segments, and turns their times into fragment times.
 *
 * <p>Fragments need decode times that are never negative, while an MP4 source with B-frames or AAC
 * priming has negative decode times after its edit list. The first sample fixes a shift for the
 * whole track: decode times move so that the first sample decodes at its presentation time (or at 0
 * when that is negative), and each sample keeps its presentation time through a signed composition
 * offset (trun version 1).
 */
public final class FragmentedTrack {

  private final StreamInfo info;
  private final AvcDecoderConfig avc;
  private final HevcDecoderConfig hevc;
  private final boolean parameterSetsInBand;
  private final TrackProtection protection;
  private final List<Sample> pending = new ArrayList<>();
  private boolean started;
  private long firstPresentationTime;
  private long shift;
  private int nextNumber = 1;

  public FragmentedTrack(StreamInfo info, boolean parameterSetsInBand) throws PackagingException {
    this(info, parameterSetsInBand, null);
  }

  /**
   * @param protection how the track's samples are encrypted (they come encrypted), null = clear
   */
  public FragmentedTrack(StreamInfo info, boolean parameterSetsInBand, TrackProtection protection)
      throws PackagingException {
    this.info = info;
    this.protection = protection;
    boolean video = info.codec() == Codec.H264 || info.codec() == Codec.H265;
    this.parameterSetsInBand = parameterSetsInBand && video;
    String where = "track " + info.trackId();
    this.avc =
        info.codec() == Codec.H264 ? AvcDecoderConfig.parse(info.decoderConfig(), where) : null;
    this.hevc =
        info.codec() == Codec.H265 ? HevcDecoderConfig.parse(info.decoderConfig(), where) : null;
  }

  public StreamInfo info() {
    return info;
  }

  /** The track's avcC, null for audio. */
  public AvcDecoderConfig avc() {
    return avc;
  }

  /** RFC 6381 codec string of the output (avc3/hev1 when parameter sets travel in-band). */
  public String codecString() {
    if (avc != null) {
      return avc.codecString(parameterSetsInBand ? "avc3" : "avc1");
    }
    if (hevc != null) {
      return hevc.codecString(parameterSetsInBand ? "hev1" : "hvc1");
    }
    return info.codecString();
  }

  public boolean parameterSetsInBand() {
    return parameterSetsInBand;
  }

  /** How the track is encrypted, null when clear. */
  public TrackProtection protection() {
    return protection;
  }

  public void add(Sample sample) {
    if (!started) {
      started = true;
      shift = Math.max(sample.pts(), 0) - sample.dts();
      firstPresentationTime = Math.max(sample.pts(), 0);
    }
    pending.add(sample);
  }

  /**
   * Where the track's first segment starts (its first sample's presentation time, in the track's
   * timescale), or -1 before the first sample.
   */
  public long firstPresentationTime() {
    return started ? firstPresentationTime : -1;
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Ends the open segment.
   *
   * @param durationHint the segment's duration as the segmenter saw it; gives the last sample a
   *     duration when the source did not say
   * @return the segment, or null when it holds no sample
   */
  public Segment close(long durationHint) throws PackagingException {
    if (pending.isEmpty()) {
      return null;
    }
    List<FragmentSample> samples = new ArrayList<>(pending.size());
    long firstDts = pending.get(0).dts();
    long total = 0;
    long previous = 1;
    for (int i = 0; i < pending.size(); i++) {
      Sample s = pending.get(i);
      long duration = s.duration();
      if (duration <= 0 && i + 1 < pending.size()) {
        duration = pending.get(i + 1).dts() - s.dts();
      } else if (duration <= 0) {
        duration = durationHint - (s.dts() - firstDts);
      }
      if (duration <= 0) {
        duration = previous;
      }
      previous = duration;
      total += duration;
      byte[] data = s.data();
      SampleEncryption encryption = s.encryption();
      if (i == 0 && parameterSetsInBand && s.keyframe() && !hasParameterSets(data)) {
        byte[] sets = avc != null ? avc.parameterSetNalUnits() : hevc.parameterSetNalUnits();
        byte[] joined = new byte[sets.length + data.length];
        System.arraycopy(sets, 0, joined, 0, sets.length);
        System.arraycopy(data, 0, joined, sets.length, data.length);
        if (encryption != null) {
          // parameter sets are clear: they widen the first clear range of the map
          encryption = encryption.withLeadingClear(sets.length, data.length);
        }
        data = joined;
      }
      long decode = s.dts() + shift;
      long offset = s.pts() - decode;
      if (offset != (int) offset || decode < 0 || duration > 0xFFFFFFFFL) {
        throw new PackagingException(
            PackagingException.Reason.MALFORMED_SOURCE,
            "track "
                + info.trackId()
                + ": sample times out of range (dts "
                + s.dts()
                + ", pts "
                + s.pts()
                + ", duration "
                + duration
                + ")");
      }
      samples.add(new FragmentSample(duration, s.keyframe(), (int) offset, data, encryption));
    }
    Segment segment = new Segment(nextNumber++, firstDts + shift, total, List.copyOf(samples));
    pending.clear();
    return segment;
  }

  /** True when the sample already holds an SPS (H.264 type 7, H.265 type 33). */
  private boolean hasParameterSets(byte[] data) {
    int p = 0;
    while (p + 4 < data.length) {
      int length =
          ((data[p] & 0xFF) << 24)
              | ((data[p + 1] & 0xFF) << 16)
              | ((data[p + 2] & 0xFF) << 8)
              | (data[p + 3] & 0xFF);
      int type = avc != null ? data[p + 4] & 0x1F : (data[p + 4] >> 1) & 0x3F;
      if (type == (avc != null ? 7 : 33)) {
        return true;
      }
      if (length <= 0) {
        return false;
      }
      p += 4 + length;
    }
    return false;
  }
}
