package org.openvod.engine.pipeline;

import java.util.List;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.OutputSpec;

/**
 * Sends every event of one demux pass to each output's chain. An exception from one chain marks
 * that output failed and stops sending it events; the other outputs go on.
 */
public final class FanOut implements MediaHandler {

  /** One output's chain and how it has fared so far. */
  public static final class Branch {
    private final OutputSpec spec;
    private final MediaHandler handler;
    private String error;

    private Branch(OutputSpec spec, MediaHandler handler, String error) {
      this.spec = spec;
      this.handler = handler;
      this.error = error;
    }

    public static Branch of(OutputSpec spec, MediaHandler handler) {
      return new Branch(spec, handler, null);
    }

    public static Branch failed(OutputSpec spec, String error) {
      return new Branch(spec, null, error);
    }

    public OutputSpec spec() {
      return spec;
    }

    /** Why this output failed, or null while it is fine. */
    public String error() {
      return error;
    }
  }

  @FunctionalInterface
  private interface Call {
    void to(MediaHandler handler) throws Exception;
  }

  private final List<Branch> branches;

  public FanOut(List<Branch> branches) {
    this.branches = List.copyOf(branches);
  }

  @Override
  public void onStreamInfo(StreamInfo info) {
    each(h -> h.onStreamInfo(info));
  }

  @Override
  public void onSample(Sample sample) {
    each(h -> h.onSample(sample));
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) {
    each(h -> h.onSegmentEnd(trackId, index, startTime, duration));
  }

  @Override
  public void onAdMarker(AdMarker marker) {
    each(h -> h.onAdMarker(marker));
  }

  @Override
  public void onEnd() {
    each(MediaHandler::onEnd);
  }

  private void each(Call call) {
    for (Branch branch : branches) {
      if (branch.error != null) {
        continue;
      }
      try {
        call.to(branch.handler);
      } catch (Exception e) {
        String message = e.getMessage();
        branch.error =
            message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
      }
    }
  }
}
