package org.openvod.engine.output;

import java.util.List;
import org.openvod.engine.encrypt.EncryptionSpec;

/**
 * One output of a packaging pass: what one packaging configuration asks for, and where its files
 * go. The ingest worker builds these from the configurations; the engine knows nothing of them.
 *
 * @param outputId names the output in results and errors (the configuration id)
 * @param segmentDurationSeconds target segment length; segments cut at the first key frame at or
 *     after each multiple of it
 * @param useAudioRenditionGroup HLS: put audio in an EXT-X-MEDIA group instead of muxing it in
 * @param includeEncoderConfigurationInSegments CMAF/DASH: parameter sets in every segment
 * @param includeDashIframeOnlyStream DASH: a trick-play adaptation set
 * @param segmentTemplateFormat DASH: NUMBER_WITH_TIMELINE, TIME_WITH_TIMELINE or
 *     NUMBER_WITH_DURATION
 * @param encryption how to encrypt, or null for clear output
 * @param periodTriggers DASH: {@code ADS} starts a new Period at each SCTE-35 ad marker; empty (or
 *     null) keeps one Period
 */
public record OutputSpec(
    String outputId,
    OutputFormat format,
    int segmentDurationSeconds,
    List<ManifestSpec> manifests,
    boolean useAudioRenditionGroup,
    boolean includeEncoderConfigurationInSegments,
    boolean includeDashIframeOnlyStream,
    String segmentTemplateFormat,
    OutputSink sink,
    EncryptionSpec encryption,
    List<String> periodTriggers) {

  /** DASH periodTriggers value: a new Period at each ad marker. */
  public static final String PERIOD_TRIGGER_ADS = "ADS";

  public OutputSpec {
    periodTriggers = periodTriggers == null ? List.of() : List.copyOf(periodTriggers);
  }

  /** An output with one DASH Period (no periodTriggers). */
  public OutputSpec(
      String outputId,
      OutputFormat format,
      int segmentDurationSeconds,
      List<ManifestSpec> manifests,
      boolean useAudioRenditionGroup,
      boolean includeEncoderConfigurationInSegments,
      boolean includeDashIframeOnlyStream,
      String segmentTemplateFormat,
      OutputSink sink,
      EncryptionSpec encryption) {
    this(
        outputId,
        format,
        segmentDurationSeconds,
        manifests,
        useAudioRenditionGroup,
        includeEncoderConfigurationInSegments,
        includeDashIframeOnlyStream,
        segmentTemplateFormat,
        sink,
        encryption,
        List.of());
  }

  /** A clear output. */
  public OutputSpec(
      String outputId,
      OutputFormat format,
      int segmentDurationSeconds,
      List<ManifestSpec> manifests,
      boolean useAudioRenditionGroup,
      boolean includeEncoderConfigurationInSegments,
      boolean includeDashIframeOnlyStream,
      String segmentTemplateFormat,
      OutputSink sink) {
    this(
        outputId,
        format,
        segmentDurationSeconds,
        manifests,
        useAudioRenditionGroup,
        includeEncoderConfigurationInSegments,
        includeDashIframeOnlyStream,
        segmentTemplateFormat,
        sink,
        null);
  }

  /**
   * A clear output with one manifest named {@code index} and every option at MediaPackage's default
   * (DASH: NUMBER_WITH_TIMELINE); change what differs with the {@code with} methods.
   */
  public static OutputSpec of(
      String outputId, OutputFormat format, int segmentDurationSeconds, OutputSink sink) {
    return new OutputSpec(
        outputId,
        format,
        segmentDurationSeconds,
        List.of(ManifestSpec.named("index")),
        false,
        false,
        false,
        format == OutputFormat.DASH ? "NUMBER_WITH_TIMELINE" : null,
        sink,
        null,
        List.of());
  }

  /** This output with other manifests. */
  public OutputSpec withManifests(List<ManifestSpec> newManifests) {
    return new OutputSpec(
        outputId,
        format,
        segmentDurationSeconds,
        newManifests,
        useAudioRenditionGroup,
        includeEncoderConfigurationInSegments,
        includeDashIframeOnlyStream,
        segmentTemplateFormat,
        sink,
        encryption,
        periodTriggers);
  }

  /** This output encrypted as {@code newEncryption} says (null: clear). */
  public OutputSpec withEncryption(EncryptionSpec newEncryption) {
    return new OutputSpec(
        outputId,
        format,
        segmentDurationSeconds,
        manifests,
        useAudioRenditionGroup,
        includeEncoderConfigurationInSegments,
        includeDashIframeOnlyStream,
        segmentTemplateFormat,
        sink,
        newEncryption,
        periodTriggers);
  }

  /** This output writing to another sink. */
  public OutputSpec withSink(OutputSink newSink) {
    return new OutputSpec(
        outputId,
        format,
        segmentDurationSeconds,
        manifests,
        useAudioRenditionGroup,
        includeEncoderConfigurationInSegments,
        includeDashIframeOnlyStream,
        segmentTemplateFormat,
        newSink,
        encryption,
        periodTriggers);
  }

  /** DASH: whether ad markers start new Periods. */
  public boolean periodsAtAds() {
    return periodTriggers.contains(PERIOD_TRIGGER_ADS);
  }

  public boolean encrypted() {
    return encryption != null;
  }
}
