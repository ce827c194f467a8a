package org.openvod.engine.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;

/**
 * Packages a test source into several outputs in one Packager pass, as the ingest worker does, for
 * tests that check the outputs rather than the pass: every output must succeed.
 */
public final class OnePass {

  private OnePass() {}

  /**
   * Packages {@code rootFile} (an .m3u8 or .smil path relative to {@code folder}) into every
   * output; fails the test, naming the output and its error, when any output failed.
   *
   * @return one result per output, in the order of {@code outputs}
   */
  public static List<OutputResult> packageAll(
      Path folder, String rootFile, List<OutputSpec> outputs)
      throws IOException, PackagingException {
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(folder), rootFile, outputs, ProgressListener.NONE);
    for (OutputResult result : results) {
      assertTrue(result.succeeded(), result.outputId() + ": " + result.error());
    }
    return results;
  }
}
