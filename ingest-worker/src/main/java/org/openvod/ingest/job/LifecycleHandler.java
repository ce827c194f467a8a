package org.openvod.ingest.job;

import java.util.List;
import java.util.regex.Pattern;
import org.openvod.events.model.Asset;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.PackagingTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Does what one lifecycle event asks: package an asset (or one more target), or remove outputs. */
public final class LifecycleHandler {

  private static final Logger log = LoggerFactory.getLogger(LifecycleHandler.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final JobDependencies deps;

  public LifecycleHandler(JobDependencies deps) {
    this.deps = deps;
  }

  /**
   * Runs the event to its end. Returns normally when done (also when it failed for a reason
   * notifications already told); throws {@link JobStoppedException} when stopped, other exceptions
   * when it must be tried again later (Kafka did not acknowledge, S3 unreachable).
   */
  public void handle(LifecycleEvent event, JobControl control) throws Exception {
    if (event instanceof LifecycleEvent.AssetCreated created) {
      new PackagingRun(
              deps,
              control,
              created.eventId(),
              created.asset(),
              created.assetHex(),
              created.targets())
          .run();
    } else if (event instanceof LifecycleEvent.ConfigurationAdded added) {
      new PackagingRun(
              deps,
              control,
              added.eventId(),
              added.asset(),
              added.assetHex(),
              List.of(added.target()))
          .run();
    } else if (event instanceof LifecycleEvent.AssetDeleted deleted) {
      int n =
          deps.metrics()
              .timeStage(
                  "cleanup",
                  () ->
                      deps.retry()
                          .run(() -> deps.outputs().deleteUnder(deleted.assetHex()), control));
      log.info("asset {} deleted: removed {} output objects", deleted.assetId(), n);
    } else if (event instanceof LifecycleEvent.ConfigurationDeleted deleted) {
      int n =
          deps.metrics()
              .timeStage(
                  "cleanup",
                  () ->
                      deps.retry()
                          .run(
                              () ->
                                  deps.outputs()
                                      .deleteUnder(
                                          deleted.assetHex(),
                                          deleted.configHex(),
                                          deleted.manifestHex()),
                              control));
      log.info(
          "configuration {} of asset {} deleted: removed {} output objects",
          deleted.packagingConfigurationId(),
          deleted.assetId(),
          n);
    }
  }

  /**
   * What makes the event impossible to process at all (it goes to the dead-letter topic), or null
   * when it is well formed.
   */
  public static String problem(LifecycleEvent event) {
    if (event == null) {
      return "empty record";
    }
    if (blank(event.eventId())) {
      return event.getClass().getSimpleName() + " without eventId";
    }
    if (event instanceof LifecycleEvent.AssetCreated c) {
      String p = assetProblem(c.asset(), c.assetHex());
      if (p != null) {
        return "AssetCreated " + p;
      }
      if (c.targets() == null) {
        return "AssetCreated without targets";
      }
      for (PackagingTarget t : c.targets()) {
        String tp = targetProblem(t);
        if (tp != null) {
          return "AssetCreated " + tp;
        }
      }
      return null;
    }
    if (event instanceof LifecycleEvent.ConfigurationAdded a) {
      String p = assetProblem(a.asset(), a.assetHex());
      return p != null
          ? "ConfigurationAdded " + p
          : prefixed("ConfigurationAdded ", targetProblem(a.target()));
    }
    if (event instanceof LifecycleEvent.AssetDeleted d) {
      return badId(d.assetHex())
          ? "AssetDeleted with invalid assetHex '" + d.assetHex() + "'"
          : null;
    }
    if (event instanceof LifecycleEvent.ConfigurationDeleted d) {
      if (badId(d.assetHex()) || badId(d.configHex()) || badId(d.manifestHex())) {
        return "ConfigurationDeleted with invalid assetHex, configHex or manifestHex";
      }
      return blank(d.packagingConfigurationId())
          ? "ConfigurationDeleted without packagingConfigurationId"
          : null;
    }
    return "unknown event " + event.getClass().getSimpleName();
  }

  private static String assetProblem(Asset asset, String assetHex) {
    if (asset == null) {
      return "without asset";
    }
    if (blank(asset.id()) || blank(asset.arn())) {
      return "with an asset without id or arn";
    }
    return badId(assetHex) ? "with invalid assetHex '" + assetHex + "'" : null;
  }

  private static String targetProblem(PackagingTarget t) {
    if (t == null || t.configuration() == null) {
      return "with a target without configuration";
    }
    if (blank(t.configuration().id()) || blank(t.configuration().arn())) {
      return "with a target configuration without id or arn";
    }
    if (badId(t.configHex()) || badId(t.manifestHex())) {
      return "with invalid configHex or manifestHex for configuration '"
          + t.configuration().id()
          + "'";
    }
    return blank(t.url()) ? "without url for configuration '" + t.configuration().id() + "'" : null;
  }

  private static String prefixed(String prefix, String problem) {
    return problem == null ? null : prefix + problem;
  }

  private static boolean badId(String id) {
    return id == null || !ID.matcher(id).matches();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
