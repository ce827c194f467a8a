package org.openvod.engine.source.mp4;

/**
 * Where every sample of one track lies and when it plays, expanded from the stbl boxes (stts, ctts,
 * stss, stsz, stsc, stco/co64). Times are in the track's timescale, before the edit list.
 *
 * @param compositionOffsets pts minus dts per sample, or null when there is no ctts
 * @param sync key frame flag per sample, or null when every sample is one (no stss)
 * @param lastDuration duration of the last sample (the last stts delta)
 */
record SampleTable(
    int count,
    long[] dts,
    int[] compositionOffsets,
    int[] sizes,
    long[] offsets,
    boolean[] sync,
    long lastDuration) {

  long pts(int i) {
    return compositionOffsets == null ? dts[i] : dts[i] + compositionOffsets[i];
  }

  long duration(int i) {
    return i + 1 < count ? dts[i + 1] - dts[i] : lastDuration;
  }

  boolean isSync(int i) {
    return sync == null || sync[i];
  }

  long totalBytes() {
    long sum = 0;
    for (int size : sizes) {
      sum += size;
    }
    return sum;
  }

  /** The byte after the track's last sample in the file. */
  long dataEnd() {
    long end = 0;
    for (int i = 0; i < count; i++) {
      end = Math.max(end, offsets[i] + sizes[i]);
    }
    return end;
  }

  /** Decode time after the last sample: the track's media duration. */
  long endTime() {
    return count == 0 ? 0 : dts[count - 1] + lastDuration;
  }
}
