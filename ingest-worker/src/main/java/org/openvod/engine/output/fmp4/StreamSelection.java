package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.ManifestSpec;

/**
 * MediaPackage's StreamSelection: keep the video renditions whose bitrate lies within [min, max]
 * (inclusive), in the asked order. Only video bitrates count.
 */
public final class StreamSelection {

  private StreamSelection() {}

  public static <T> List<T> videos(ManifestSpec manifest, List<T> videos, ToLongFunction<T> bitrate)
      throws PackagingException {
    List<T> kept = new ArrayList<>();
    for (T video : videos) {
      long b = bitrate.applyAsLong(video);
      if (b >= manifest.minVideoBitsPerSecond() && b <= manifest.maxVideoBitsPerSecond()) {
        kept.add(video);
      }
    }
    String order = manifest.streamOrder() == null ? "ORIGINAL" : manifest.streamOrder();
    switch (order) {
      case "VIDEO_BITRATE_ASCENDING" -> kept.sort(Comparator.comparingLong(bitrate));
      case "VIDEO_BITRATE_DESCENDING" -> kept.sort(Comparator.comparingLong(bitrate).reversed());
      case "ORIGINAL" -> {}
      default ->
          throw new PackagingException(
              PackagingException.Reason.INVALID_CONFIGURATION,
              "manifest " + manifest.name() + ": unknown streamOrder " + order);
    }
    if (kept.isEmpty()) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "manifest "
              + manifest.name()
              + ": stream selection "
              + manifest.minVideoBitsPerSecond()
              + ".."
              + manifest.maxVideoBitsPerSecond()
              + " bps leaves no video stream");
    }
    return kept;
  }
}
