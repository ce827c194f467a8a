package org.openvod.engine.pipeline;

/** How far a packaging pass has come. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = fraction -> {};

  /**
   * @param fraction of the source read, 0..1, never decreasing
   */
  void onProgress(double fraction);
}
