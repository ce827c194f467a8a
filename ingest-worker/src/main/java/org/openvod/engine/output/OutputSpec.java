package org.openvod.engine.output;

import java.util.List;
import java.util.function.Consumer;
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
    return edit(d -> d.manifests = newManifests);
  }

  /** This output encrypted as {@code newEncryption} says (null: clear). */
  public OutputSpec withEncryption(EncryptionSpec newEncryption) {
    return edit(d -> d.encryption = newEncryption);
  }

  /** This output writing to another sink. */
  public OutputSpec withSink(OutputSink newSink) {
    return edit(d -> d.sink = newSink);
  }

  /** HLS: this output with audio in an EXT-X-MEDIA group ({@code true}) or muxed in. */
  public OutputSpec withAudioRenditionGroup(boolean audioGroup) {
    return edit(d -> d.useAudioRenditionGroup = audioGroup);
  }

  /** CMAF/DASH: this output with (or without) parameter sets in every segment. */
  public OutputSpec withEncoderConfigurationInSegments(boolean inSegments) {
    return edit(d -> d.includeEncoderConfigurationInSegments = inSegments);
  }

  /** DASH: this output with (or without) a trick-play adaptation set. */
  public OutputSpec withDashIframeOnlyStream(boolean trickPlay) {
    return edit(d -> d.includeDashIframeOnlyStream = trickPlay);
  }

  /** DASH: this output with another segmentTemplateFormat (null: NUMBER_WITH_TIMELINE). */
  public OutputSpec withSegmentTemplateFormat(String format) {
    return edit(d -> d.segmentTemplateFormat = format);
  }

  /** DASH: this output with these periodTriggers ({@link #PERIOD_TRIGGER_ADS}: Periods at ads). */
  public OutputSpec withPeriodTriggers(List<String> triggers) {
    return edit(d -> d.periodTriggers = triggers);
  }

  /** A copy with what {@code change} sets on a draft of this output changed. */
  private OutputSpec edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /**
   * The components of an output, settable: each {@code with} method changes one, so the record's
   * eleven components are listed once here rather than in every {@code with} method.
   */
  private static final class Draft {
    private final String outputId;
    private final OutputFormat format;
    private final int segmentDurationSeconds;
    private List<String> periodTriggers;
    private List<ManifestSpec> manifests;
    private boolean useAudioRenditionGroup;
    private boolean includeEncoderConfigurationInSegments;
    private boolean includeDashIframeOnlyStream;
    private String segmentTemplateFormat;
    private OutputSink sink;
    private EncryptionSpec encryption;

    private Draft(OutputSpec spec) {
      outputId = spec.outputId;
      format = spec.format;
      segmentDurationSeconds = spec.segmentDurationSeconds;
      manifests = spec.manifests;
      useAudioRenditionGroup = spec.useAudioRenditionGroup;
      includeEncoderConfigurationInSegments = spec.includeEncoderConfigurationInSegments;
      includeDashIframeOnlyStream = spec.includeDashIframeOnlyStream;
      segmentTemplateFormat = spec.segmentTemplateFormat;
      sink = spec.sink;
      encryption = spec.encryption;
      periodTriggers = spec.periodTriggers;
    }

    private OutputSpec build() {
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
          encryption,
          periodTriggers);
    }
  }

  /** DASH: whether ad markers start new Periods. */
  public boolean periodsAtAds() {
    return periodTriggers.contains(PERIOD_TRIGGER_ADS);
  }

  public boolean encrypted() {
    return encryption != null;
  }
}
