package org.openvod.engine;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.AsyncBranch;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.pipeline.FanOut;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.pipeline.Segmenter;
import org.openvod.engine.source.SourceDemuxers;
import org.openvod.engine.source.SourceLocator;

/**
 * The facade the ingest worker calls: one demux pass of a source fans out to every output of a
 * packaging group. Each output gets its own segmenter (its segment duration) and muxer; one output
 * failing does not stop the others, a source problem stops the pass.
 */
public final class Packager {

  private Packager() {}

  /**
   * Packages {@code rootFile} into every output, with {@link Instant#EPOCH} as the start of program
   * date times (see the overload).
   */
  public static List<OutputResult> run(
      SourceLocator source, String rootFile, List<OutputSpec> outputs, ProgressListener progress)
      throws IOException, PackagingException {
    return run(source, rootFile, outputs, progress, Instant.EPOCH);
  }

  /**
   * Packages {@code rootFile} (an .m3u8 or .smil path relative to {@code source}) into every
   * output.
   *
   * @param programDateTimeStart wall-clock time of the first sample, for HLS
   *     EXT-X-PROGRAM-DATE-TIME (the ingest time); taken as a parameter so output is deterministic
   * @return one result per output, in the order of {@code outputs}
   * @throws PackagingException the source cannot be packaged (every output fails)
   * @throws IOException reading the source failed (worth a retry)
   */
  public static List<OutputResult> run(
      SourceLocator source,
      String rootFile,
      List<OutputSpec> outputs,
      ProgressListener progress,
      Instant programDateTimeStart)
      throws IOException, PackagingException {
    Demuxer demuxer = SourceDemuxers.forRootFile(source, rootFile);
    List<FanOut.Branch> branches = new ArrayList<>();
    List<AsyncBranch> threads = new ArrayList<>();
    try {
      return run(rootFile, demuxer, outputs, branches, threads, progress, programDateTimeStart);
    } finally {
      threads.forEach(AsyncBranch::close);
    }
  }

  private static List<OutputResult> run(
      String rootFile,
      Demuxer demuxer,
      List<OutputSpec> outputs,
      List<FanOut.Branch> branches,
      List<AsyncBranch> threads,
      ProgressListener progress,
      Instant programDateTimeStart)
      throws IOException, PackagingException {
    for (OutputSpec spec : outputs) {
      FanOut.Branch branch;
      try {
        MediaHandler muxer = OutputHandlers.create(spec, programDateTimeStart);
        MediaHandler chain = new Segmenter(spec.segmentDurationSeconds(), muxer);
        if (outputs.size() > 1) {
          AsyncBranch async = new AsyncBranch(spec.outputId(), chain);
          threads.add(async);
          chain = async;
        }
        branch = FanOut.Branch.of(spec, chain);
      } catch (Exception e) {
        branch = FanOut.Branch.failed(spec, describe(e));
      }
      branches.add(branch);
    }
    FanOut fanOut = new FanOut(branches);
    try {
      demuxer.run(fanOut, progress == null ? ProgressListener.NONE : progress);
    } catch (IndexOutOfBoundsException
        | IllegalArgumentException
        | NegativeArraySizeException
        | ArithmeticException
        | java.nio.BufferUnderflowException e) {
      // the outputs' exceptions stay in FanOut, so these come from parsing the source's bytes
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          rootFile + ": unreadable source data (" + describe(e) + ")",
          e);
    } catch (IOException | PackagingException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("reading " + rootFile + " failed: " + e.getMessage(), e);
    }
    List<OutputResult> results = new ArrayList<>();
    for (FanOut.Branch branch : branches) {
      OutputSpec spec = branch.spec();
      if (branch.error() != null) {
        results.add(new OutputResult(spec.outputId(), List.of(), branch.error()));
      } else {
        List<String> manifests =
            spec.manifests().stream().map(m -> m.fileName(spec.format())).toList();
        results.add(new OutputResult(spec.outputId(), manifests, null));
      }
    }
    return results;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
