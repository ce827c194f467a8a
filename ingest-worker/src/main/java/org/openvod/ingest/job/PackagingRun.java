package org.openvod.ingest.job;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openvod.engine.Packager;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.events.model.Asset;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingTarget;
import org.openvod.ingest.output.OutputSpecs;
import org.openvod.ingest.output.S3OutputSink;
import org.openvod.ingest.source.S3SourceLocator;
import org.openvod.ingest.source.SourceArn;
import org.openvod.ingest.source.SourceRejectedException;
import org.openvod.ingest.speke.SpekeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages one asset for some of its targets (all of them for AssetCreated, one for
 * ConfigurationAdded) in one pass of the engine, and tells the world, in this order per asset:
 *
 * <pre>
 * IngestStart
 *   source rejected or missing:  PackagingFailed per target, IngestError
 *   otherwise, per target:       PackagingStarted ... VodAssetPlayable | PackagingFailed
 *                                (IngestProgress every few percent while the pass runs;
 *                                encrypted targets get their keys first: no keys, PackagingFailed)
 * IngestComplete | IngestError (the source could not be packaged, or a target got no keys)
 * </pre>
 *
 * The run is done only once Kafka acknowledged every notification it sent.
 */
final class PackagingRun {

  private static final Logger log = LoggerFactory.getLogger(PackagingRun.class);

  /** One target with the sink of the current attempt. */
  private final class Target {
    final PackagingTarget target;
    S3OutputSink sink;
    EncryptionSpec encryption;

    Target(PackagingTarget target) {
      this.target = target;
    }

    String configId() {
      return target.configuration().id();
    }

    OutputSpec freshSpec() throws OutputSpecs.UnsupportedTargetException {
      sink =
          deps.outputs()
              .sink(
                  target.keyPrefix(assetHex),
                  () -> control.isStopped(configId()),
                  deps.metrics()::outputBytesWritten);
      return OutputSpecs.toSpec(target.configuration(), sink, encryption);
    }
  }

  private final JobDependencies deps;
  private final JobControl control;
  private final String eventId;
  private final Asset asset;
  private final String assetHex;
  private final List<PackagingTarget> targets;
  private final List<Future<RecordMetadata>> sent = new ArrayList<>();
  private int publishedPercent;

  PackagingRun(
      JobDependencies deps,
      JobControl control,
      String eventId,
      Asset asset,
      String assetHex,
      List<PackagingTarget> targets) {
    this.deps = deps;
    this.control = control;
    this.eventId = eventId;
    this.asset = asset;
    this.assetHex = assetHex;
    this.targets = targets;
  }

  void run() throws Exception {
    publish(deps.notifications().ingestStart(eventId, asset.arn()));
    SourceArn source;
    S3SourceLocator locator;
    try {
      source = SourceArn.parse(asset.sourceArn());
      locator =
          new S3SourceLocator(
              deps.sourceAccess().clientFor(source, asset.sourceRoleArn()),
              source.bucket(),
              source.folder(),
              control::isStopped,
              deps.metrics()::sourceBytesRead);
      String root = source.fileName();
      deps.metrics()
          .timeStage("source_check", () -> deps.retry().run(() -> locator.open(root), control));
    } catch (SourceRejectedException e) {
      failIngest(targets, e.getMessage(), "SOURCE_REJECTED");
      return;
    } catch (JobStoppedException e) {
      throw e;
    } catch (Exception e) {
      failIngest(targets, sourceMessage(e), Failures.reason(e));
      return;
    }

    List<Target> packable = new ArrayList<>();
    List<String> keyErrors = new ArrayList<>();
    for (PackagingTarget t : targets) {
      Target target = new Target(t);
      publishFor(
          t,
          deps.notifications()
              .packagingStarted(eventId, asset.arn(), asset.id(), t.configuration()));
      String keyError = fetchKeys(target);
      if (keyError != null) {
        keyErrors.add(keyError);
        continue;
      }
      try {
        target.freshSpec();
        packable.add(target);
      } catch (OutputSpecs.UnsupportedTargetException e) {
        deps.metrics().failed("UNSUPPORTED_CONFIGURATION");
        publishFor(
            t,
            deps.notifications()
                .packagingFailed(eventId, asset.arn(), t.configuration(), e.getMessage()));
      }
    }
    String sourceError = packable.isEmpty() ? null : packAll(source, locator, packable);
    control.check();
    // a configuration without keys fails the ingest as MediaPackage reports key provider trouble,
    // with an IngestError, after the other configurations were packaged
    String error =
        sourceError != null || keyErrors.isEmpty() ? sourceError : String.join("; ", keyErrors);
    publish(
        error == null
            ? deps.notifications().ingestComplete(eventId, asset.arn())
            : deps.notifications().ingestError(eventId, asset.arn(), error));
    awaitSent();
  }

  /**
   * Gets the keys of an encrypted target from its key server (nothing for a clear one) before
   * anything is packaged. A refusal, a malformed answer, a key server that stays unreachable or
   * unusable encryption settings fail this target alone.
   *
   * @return why the target got no keys, or null when it has them or needs none
   */
  private String fetchKeys(Target target) {
    String configId = target.configId();
    String message;
    try {
      target.encryption = deps.keys().encryptionFor(asset, target.target.configuration());
      return null;
    } catch (SpekeException e) {
      message = "PackagingConfiguration '" + configId + "' got no content keys: " + e.getMessage();
      deps.metrics().failed("KEY_PROVIDER");
    } catch (IllegalArgumentException e) {
      message = "PackagingConfiguration '" + configId + "': " + e.getMessage();
      deps.metrics().failed("UNSUPPORTED_CONFIGURATION");
    }
    control.check();
    publishFailed(target.target, message);
    return message;
  }

  /**
   * Runs the engine over the targets; outputs that failed because storing a file failed transiently
   * get another pass (alone), up to the retry policy's attempts.
   *
   * @return why the source could not be packaged, or null when it could
   */
  private String packAll(SourceArn source, S3SourceLocator locator, List<Target> packable)
      throws Exception {
    List<Target> remaining = packable;
    for (int attempt = 1; ; attempt++) {
      control.check();
      List<OutputSpec> specs = new ArrayList<>();
      for (Target t : remaining) {
        specs.add(t.freshSpec());
      }
      List<OutputResult> results;
      try {
        results =
            deps.metrics()
                .timeStage(
                    "package",
                    () ->
                        Packager.run(
                            locator, source.fileName(), specs, progressListener(), programStart()));
      } catch (JobStoppedException e) {
        throw e;
      } catch (Exception e) {
        if (control.isStopped()) {
          control.check();
        }
        if (Failures.isTransient(e) && attempt < deps.retry().maxAttempts()) {
          log.warn(
              "asset {}: packaging attempt {} failed, retrying: {}",
              asset.id(),
              attempt,
              e.toString());
          deps.metrics().retried();
          RetryPolicy.sleep(deps.retry().delay(attempt), control);
          continue;
        }
        String message = sourceMessage(e);
        deps.metrics().failed(Failures.reason(e));
        for (Target t : remaining) {
          publishFailed(t.target, message);
        }
        return message;
      }
      List<Target> again = new ArrayList<>();
      for (int i = 0; i < remaining.size(); i++) {
        Target t = remaining.get(i);
        OutputResult result = results.get(i);
        if (control.isStopped(t.configId())) {
          continue; // deleted meanwhile: its cleanup follows, nothing to announce
        }
        if (result.succeeded()) {
          publishFor(
              t.target,
              deps.notifications()
                  .playable(
                      eventId, asset.arn(), asset.id(), t.target.configuration(), t.target.url()));
        } else if (t.sink.failedTransiently() && attempt < deps.retry().maxAttempts()) {
          again.add(t);
        } else {
          deps.metrics().failed("OUTPUT_FAILED");
          publishFailed(t.target, "packaging failed: " + result.error());
        }
      }
      if (again.isEmpty()) {
        return null;
      }
      deps.metrics().retried();
      RetryPolicy.sleep(deps.retry().delay(attempt), control);
      remaining = again;
    }
  }

  private ProgressListener progressListener() {
    return fraction -> {
      control.check();
      int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
      if (percent < 100 && percent >= publishedPercent + deps.progressStepPercent()) {
        publishedPercent = percent;
        publish(deps.notifications().progress(eventId, asset.arn(), percent));
      }
    };
  }

  /** Program date times count from the asset's creation, so a redelivery writes the same bytes. */
  private Instant programStart() {
    try {
      return asset.createdAt() == null ? Instant.EPOCH : Instant.parse(asset.createdAt());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private void failIngest(List<PackagingTarget> failed, String message, String reason)
      throws Exception {
    deps.metrics().failed(reason);
    for (PackagingTarget t : failed) {
      publishFailed(t, message);
    }
    publish(deps.notifications().ingestError(eventId, asset.arn(), message));
    awaitSent();
  }

  private String sourceMessage(Exception e) {
    if (Failures.isTransient(e)) {
      return "source "
          + asset.sourceArn()
          + " could not be read after "
          + deps.retry().maxAttempts()
          + " attempts: "
          + Failures.describe(e);
    }
    return Failures.describe(e);
  }

  private void publishFailed(PackagingTarget t, String message) {
    log.warn(
        "asset {}: packaging configuration {} failed: {}",
        asset.id(),
        t.configuration().id(),
        message);
    publishFor(
        t, deps.notifications().packagingFailed(eventId, asset.arn(), t.configuration(), message));
  }

  private void publishFor(PackagingTarget t, Notification n) {
    if (!control.isStopped(t.configuration().id())) {
      publish(n);
    }
  }

  private void publish(Notification n) {
    control.check();
    sent.add(deps.publisher().publish(asset.id(), n));
  }

  /** Blocks until Kafka acknowledged every notification of this run. */
  private void awaitSent() throws Exception {
    for (Future<RecordMetadata> f : sent) {
      f.get(2, TimeUnit.MINUTES);
    }
  }
}
