package org.openvod.ingest.output;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.OutputSpec;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashManifest;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.MssManifest;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.StreamSelection;

/**
 * Turns a packaging configuration (the API's shape) into the engine's {@link OutputSpec}, applying
 * MediaPackage's defaults for everything left out.
 */
public final class OutputSpecs {

  public static final int HLS_SEGMENT_SECONDS = 6;
  public static final int CMAF_SEGMENT_SECONDS = 6;
  public static final int DASH_SEGMENT_SECONDS = 2;
  public static final int MSS_SEGMENT_SECONDS = 2;
  static final String DEFAULT_TEMPLATE_FORMAT = "NUMBER_WITH_TIMELINE";

  private OutputSpecs() {}

  /** A configuration this worker must not package; the message says why. */
  public static final class UnsupportedTargetException extends Exception {
    public UnsupportedTargetException(String message) {
      super(message);
    }
  }

  /**
   * The engine spec of a clear {@code config}, writing to {@code sink}.
   *
   * @throws UnsupportedTargetException when the configuration asks for encryption (never package
   *     such a target in the clear) or holds no usable package
   */
  public static OutputSpec toSpec(PackagingConfiguration config, OutputSink sink)
      throws UnsupportedTargetException {
    return toSpec(config, sink, null);
  }

  /**
   * The engine spec of {@code config}, writing to {@code sink}, encrypted with {@code encryption}
   * (the keys fetched for it) when the configuration asks for encryption.
   *
   * @throws UnsupportedTargetException when the configuration asks for encryption and no keys are
   *     given (never package such a target in the clear), or it holds no usable package
   */
  public static OutputSpec toSpec(
      PackagingConfiguration config, OutputSink sink, EncryptionSpec encryption)
      throws UnsupportedTargetException {
    String id = config.id();
    if (config.kind() == null) {
      throw new UnsupportedTargetException(
          "PackagingConfiguration '" + id + "' has no HLS, DASH, CMAF or MSS package");
    }
    boolean encrypted =
        switch (config.kind()) {
          case HLS -> config.hlsPackage().encryption() != null;
          case CMAF -> config.cmafPackage().encryption() != null;
          case DASH -> config.dashPackage().encryption() != null;
          case MSS -> config.mssPackage().encryption() != null;
        };
    if (encrypted && encryption == null) {
      throw new UnsupportedTargetException(
          "PackagingConfiguration '"
              + id
              + "' asks for encryption but no keys were fetched; nothing was packaged"
              + " (never in the clear)");
    }
    if (!encrypted && encryption != null) {
      throw new IllegalArgumentException(
          "PackagingConfiguration '" + id + "' is clear but keys were given");
    }
    return switch (config.kind()) {
      case HLS -> hls(id, config.hlsPackage(), sink, encryption);
      case CMAF -> cmaf(id, config.cmafPackage(), sink, encryption);
      case DASH -> dash(id, config.dashPackage(), sink, encryption);
      case MSS -> mss(id, config.mssPackage(), sink, encryption);
    };
  }

  private static OutputSpec hls(String id, HlsPackage p, OutputSink sink, EncryptionSpec encryption)
      throws UnsupportedTargetException {
    return OutputSpec.of(
            id,
            OutputFormat.HLS_TS,
            duration(id, p.segmentDurationSeconds(), HLS_SEGMENT_SECONDS),
            sink)
        .withManifests(hlsManifests(p.hlsManifests()))
        .withAudioRenditionGroup(bool(p.useAudioRenditionGroup()))
        .withEncryption(encryption);
  }

  private static OutputSpec cmaf(
      String id, CmafPackage p, OutputSink sink, EncryptionSpec encryption)
      throws UnsupportedTargetException {
    return OutputSpec.of(
            id,
            OutputFormat.CMAF,
            duration(id, p.segmentDurationSeconds(), CMAF_SEGMENT_SECONDS),
            sink)
        .withManifests(hlsManifests(p.hlsManifests()))
        .withEncoderConfigurationInSegments(bool(p.includeEncoderConfigurationInSegments()))
        .withEncryption(encryption);
  }

  private static OutputSpec dash(
      String id, DashPackage p, OutputSink sink, EncryptionSpec encryption)
      throws UnsupportedTargetException {
    List<ManifestSpec> manifests = new ArrayList<>();
    for (DashManifest m : orEmpty(p.dashManifests())) {
      Selection s = Selection.of(m.streamSelection());
      manifests.add(
          new ManifestSpec(
              name(m.manifestName()),
              false,
              0,
              "NONE",
              s.min(),
              s.max(),
              s.order(),
              orDefault(m.manifestLayout(), "FULL"),
              m.minBufferTimeSeconds() == null ? 0 : m.minBufferTimeSeconds(),
              orDefault(m.profile(), "NONE")));
    }
    return OutputSpec.of(
            id,
            OutputFormat.DASH,
            duration(id, p.segmentDurationSeconds(), DASH_SEGMENT_SECONDS),
            sink)
        .withManifests(orIndex(manifests))
        .withEncoderConfigurationInSegments(bool(p.includeEncoderConfigurationInSegments()))
        .withDashIframeOnlyStream(bool(p.includeIframeOnlyStream()))
        .withSegmentTemplateFormat(orDefault(p.segmentTemplateFormat(), DEFAULT_TEMPLATE_FORMAT))
        .withPeriodTriggers(orEmpty(p.periodTriggers()))
        .withEncryption(encryption);
  }

  private static OutputSpec mss(String id, MssPackage p, OutputSink sink, EncryptionSpec encryption)
      throws UnsupportedTargetException {
    List<ManifestSpec> manifests = new ArrayList<>();
    for (MssManifest m : orEmpty(p.mssManifests())) {
      Selection s = Selection.of(m.streamSelection());
      manifests.add(
          new ManifestSpec(
              name(m.manifestName()),
              false,
              0,
              "NONE",
              s.min(),
              s.max(),
              s.order(),
              "FULL",
              0,
              "NONE"));
    }
    return OutputSpec.of(
            id,
            OutputFormat.MSS,
            duration(id, p.segmentDurationSeconds(), MSS_SEGMENT_SECONDS),
            sink)
        .withManifests(orIndex(manifests))
        .withEncryption(encryption);
  }

  private static List<ManifestSpec> hlsManifests(List<HlsManifest> manifests) {
    List<ManifestSpec> specs = new ArrayList<>();
    for (HlsManifest m : orEmpty(manifests)) {
      Selection s = Selection.of(m.streamSelection());
      specs.add(
          new ManifestSpec(
              name(m.manifestName()),
              bool(m.includeIframeOnlyStream()),
              m.programDateTimeIntervalSeconds() == null ? 0 : m.programDateTimeIntervalSeconds(),
              orDefault(m.adMarkers(), "NONE"),
              s.min(),
              s.max(),
              s.order(),
              "FULL",
              0,
              "NONE",
              bool(m.repeatExtXKey())));
    }
    return orIndex(specs);
  }

  /** Stream selection with MediaPackage's defaults: every bitrate, original order. */
  private record Selection(long min, long max, String order) {
    static Selection of(StreamSelection s) {
      if (s == null) {
        return new Selection(0, Integer.MAX_VALUE, "ORIGINAL");
      }
      return new Selection(
          s.minVideoBitsPerSecond() == null ? 0 : s.minVideoBitsPerSecond(),
          s.maxVideoBitsPerSecond() == null ? Integer.MAX_VALUE : s.maxVideoBitsPerSecond(),
          orDefault(s.streamOrder(), "ORIGINAL"));
    }
  }

  private static int duration(String id, Integer seconds, int fallback)
      throws UnsupportedTargetException {
    if (seconds == null) {
      return fallback;
    }
    if (seconds < 1) {
      throw new UnsupportedTargetException(
          "PackagingConfiguration '" + id + "': segmentDurationSeconds must be at least 1");
    }
    return seconds;
  }

  private static List<ManifestSpec> orIndex(List<ManifestSpec> manifests) {
    return manifests.isEmpty() ? List.of(ManifestSpec.named("index")) : List.copyOf(manifests);
  }

  private static String name(String manifestName) {
    return manifestName == null || manifestName.isBlank() ? "index" : manifestName;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static boolean bool(Boolean value) {
    return value != null && value;
  }
}
