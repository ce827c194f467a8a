package org.openvod.engine.output;

import java.util.List;

/**
 * How one output of a pass ended. An output fails alone (its sink threw, its stream selection left
 * nothing) while the others go on; a source problem fails the whole pass instead.
 *
 * @param manifestPaths the parent manifests written, relative to the output's folder
 * @param error why it failed, null when it succeeded
 */
public record OutputResult(String outputId, List<String> manifestPaths, String error) {

  public boolean succeeded() {
    return error == null;
  }
}
