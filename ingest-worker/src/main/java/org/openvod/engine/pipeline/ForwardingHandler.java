package org.openvod.engine.pipeline;

import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/**
 * A stage that passes every event on to the next one unless it overrides it, as Shaka Packager's
 * MediaHandler dispatches by default: a stage says only what it changes (the encryptor its samples,
 * the SRT reader its extra streams), and an event type added later reaches the muxers through every
 * stage without editing each.
 */
public abstract class ForwardingHandler implements MediaHandler {

  private final MediaHandler next;

  protected ForwardingHandler(MediaHandler next) {
    this.next = next;
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    next.onStreamInfo(info);
  }

  @Override
  public void onSample(Sample sample) throws Exception {
    next.onSample(sample);
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) throws Exception {
    next.onSegmentEnd(trackId, index, startTime, duration);
  }

  @Override
  public void onAdMarker(AdMarker marker) throws Exception {
    next.onAdMarker(marker);
  }

  @Override
  public void onEnd() throws Exception {
    next.onEnd();
  }
}
