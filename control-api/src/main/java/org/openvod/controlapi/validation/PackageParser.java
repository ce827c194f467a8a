package org.openvod.controlapi.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvod.controlapi.api.ApiException;
import org.openvod.events.model.CmafEncryption;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashEncryption;
import org.openvod.events.model.DashManifest;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.EncryptionContractConfiguration;
import org.openvod.events.model.HlsEncryption;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.MssEncryption;
import org.openvod.events.model.MssManifest;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.SpekeKeyProvider;
import org.openvod.events.model.StreamSelection;

/** Reads and validates the four package types of a packaging configuration (reference §3). */
final class PackageParser {

  static final Set<String> AD_MARKERS = Set.of("NONE", "SCTE35_ENHANCED", "PASSTHROUGH");
  static final Set<String> ENCRYPTION_METHODS = Set.of("AES_128", "SAMPLE_AES");
  static final Set<String> MANIFEST_LAYOUTS = Set.of("FULL", "COMPACT");
  static final Set<String> PROFILES = Set.of("NONE", "HBBTV_1_5");
  static final Set<String> SCTE_SOURCES = Set.of("SEGMENTS", "MANIFEST");
  static final Set<String> SEGMENT_TEMPLATE_FORMATS =
      Set.of("NUMBER_WITH_TIMELINE", "TIME_WITH_TIMELINE", "NUMBER_WITH_DURATION");
  static final Set<String> STREAM_ORDERS =
      Set.of("ORIGINAL", "VIDEO_BITRATE_ASCENDING", "VIDEO_BITRATE_DESCENDING");
  static final Set<String> PERIOD_TRIGGERS = Set.of("ADS");
  static final Set<String> AUDIO_PRESETS =
      Set.of("PRESET-AUDIO-1", "PRESET-AUDIO-2", "PRESET-AUDIO-3", "SHARED", "UNENCRYPTED");
  static final Set<String> VIDEO_PRESETS =
      Set.of(
          "PRESET-VIDEO-1",
          "PRESET-VIDEO-2",
          "PRESET-VIDEO-3",
          "PRESET-VIDEO-4",
          "PRESET-VIDEO-5",
          "PRESET-VIDEO-6",
          "PRESET-VIDEO-7",
          "PRESET-VIDEO-8",
          "SHARED",
          "UNENCRYPTED");

  private static final Pattern MANIFEST_NAME = Pattern.compile("[0-9a-zA-Z_-]{1,256}");
  private static final String MANIFEST_NAME_RULE =
      "must be 1 to 256 characters of [0-9a-zA-Z_-] (it becomes a file name in the egress URL)";
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern SYSTEM_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_MANIFESTS = 20;
  private static final long MAX_INT = Integer.MAX_VALUE;

  private PackageParser() {}

  static HlsPackage hls(Fields f) {
    List<HlsManifest> manifests = hlsManifests(f);
    Fields enc = f.object("encryption", false);
    HlsEncryption encryption =
        enc == null
            ? null
            : new HlsEncryption(
                iv(enc), enc.enumValue("encryptionMethod", ENCRYPTION_METHODS), speke(enc, false));
    return new HlsPackage(
        encryption,
        manifests,
        f.bool("includeDvbSubtitles"),
        segmentDuration(f),
        f.bool("useAudioRenditionGroup"));
  }

  static CmafPackage cmaf(Fields f) {
    List<HlsManifest> manifests = hlsManifests(f);
    Fields enc = f.object("encryption", false);
    CmafEncryption encryption = enc == null ? null : new CmafEncryption(iv(enc), speke(enc, true));
    return new CmafPackage(
        encryption, manifests, f.bool("includeEncoderConfigurationInSegments"), segmentDuration(f));
  }

  static DashPackage dash(Fields f) {
    List<DashManifest> manifests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Fields m : f.objects("dashManifests", true, MAX_MANIFESTS)) {
      String name = manifestName(m, names);
      manifests.add(
          new DashManifest(
              m.enumValue("manifestLayout", MANIFEST_LAYOUTS),
              name,
              m.integer("minBufferTimeSeconds", 0, MAX_INT),
              m.enumValue("profile", PROFILES),
              m.enumValue("scteMarkersSource", SCTE_SOURCES),
              streamSelection(m)));
    }
    Fields enc = f.object("encryption", false);
    DashEncryption encryption = enc == null ? null : new DashEncryption(speke(enc, true));
    List<String> triggers = f.strings("periodTriggers", false, 1);
    if (triggers != null) {
      for (int i = 0; i < triggers.size(); i++) {
        if (!PERIOD_TRIGGERS.contains(triggers.get(i))) {
          throw ApiException.invalid(f.path("periodTriggers") + "[" + i + "]", "must be ADS");
        }
      }
    }
    String template = f.enumValue("segmentTemplateFormat", SEGMENT_TEMPLATE_FORMATS);
    if ("NUMBER_WITH_DURATION".equals(template) && triggers != null && !triggers.isEmpty()) {
      throw ApiException.invalid(
          f.path("segmentTemplateFormat"),
          "NUMBER_WITH_DURATION cannot be combined with periodTriggers ADS (multi-period)");
    }
    return new DashPackage(
        manifests,
        encryption,
        f.bool("includeEncoderConfigurationInSegments"),
        f.bool("includeIframeOnlyStream"),
        triggers,
        segmentDuration(f),
        template);
  }

  static MssPackage mss(Fields f) {
    List<MssManifest> manifests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Fields m : f.objects("mssManifests", true, MAX_MANIFESTS)) {
      manifests.add(new MssManifest(manifestName(m, names), streamSelection(m)));
    }
    Fields enc = f.object("encryption", false);
    MssEncryption encryption = enc == null ? null : new MssEncryption(speke(enc, false));
    return new MssPackage(encryption, manifests, segmentDuration(f));
  }

  private static List<HlsManifest> hlsManifests(Fields f) {
    List<HlsManifest> manifests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Fields m : f.objects("hlsManifests", true, MAX_MANIFESTS)) {
      String name = manifestName(m, names);
      manifests.add(
          new HlsManifest(
              m.enumValue("adMarkers", AD_MARKERS),
              m.bool("includeIframeOnlyStream"),
              name,
              m.integer("programDateTimeIntervalSeconds", 0, MAX_INT),
              m.bool("repeatExtXKey"),
              streamSelection(m)));
    }
    return manifests;
  }

  /** The manifest name (null when absent); two manifests of a package must not share a name. */
  private static String manifestName(Fields m, Set<String> seen) {
    String name = m.string("manifestName", false, MANIFEST_NAME, MANIFEST_NAME_RULE);
    if (!seen.add(name == null ? "index" : name)) {
      throw ApiException.invalid(
          m.path("manifestName"),
          "must be unique within the package (absent means \"index\"), but '"
              + (name == null ? "index" : name)
              + "' is used twice");
    }
    return name;
  }

  private static Integer segmentDuration(Fields f) {
    return f.integer("segmentDurationSeconds", 1, MAX_INT);
  }

  private static String iv(Fields enc) {
    return enc.string(
        "constantInitializationVector",
        false,
        HEX32,
        "must be 32 hexadecimal characters (a 128-bit value)");
  }

  private static StreamSelection streamSelection(Fields m) {
    Fields s = m.object("streamSelection", false);
    if (s == null) {
      return null;
    }
    Integer max = s.integer("maxVideoBitsPerSecond", 0, MAX_INT);
    Integer min = s.integer("minVideoBitsPerSecond", 0, MAX_INT);
    int effectiveMax = max == null ? Integer.MAX_VALUE : max;
    int effectiveMin = min == null ? 0 : min;
    if (effectiveMin > effectiveMax) {
      throw ApiException.invalid(
          s.path("minVideoBitsPerSecond"),
          "must not be greater than maxVideoBitsPerSecond (" + effectiveMax + ")");
    }
    return new StreamSelection(max, min, s.enumValue("streamOrder", STREAM_ORDERS));
  }

  /**
   * The key provider of an encryption block.
   *
   * @param speke20Allowed SPEKE 2.0 (encryptionContractConfiguration) is for DASH and CMAF only
   */
  private static SpekeKeyProvider speke(Fields enc, boolean speke20Allowed) {
    Fields p = enc.object("spekeKeyProvider", true);
    EncryptionContractConfiguration contract = null;
    Fields c = p.object("encryptionContractConfiguration", false);
    if (c != null) {
      if (!speke20Allowed) {
        throw ApiException.invalid(
            c.path(), "SPEKE 2.0 is only available for DASH and CMAF packages");
      }
      contract = contract(c);
    }
    String roleArn = p.string("roleArn", true, Rules.IAM_ROLE_ARN, Rules.IAM_ROLE_RULE);
    List<String> systemIds = p.strings("systemIds", true, 3);
    for (int i = 0; i < systemIds.size(); i++) {
      if (!SYSTEM_ID.matcher(systemIds.get(i)).matches()) {
        throw ApiException.invalid(
            p.path("systemIds") + "[" + i + "]", "must be a DRM system id (a UUID)");
      }
    }
    return new SpekeKeyProvider(contract, roleArn, systemIds, Rules.httpsUrl(p, "url"));
  }

  private static EncryptionContractConfiguration contract(Fields c) {
    String audio = required(c, "presetSpeke20Audio", AUDIO_PRESETS);
    String video = required(c, "presetSpeke20Video", VIDEO_PRESETS);
    if ("SHARED".equals(audio) != "SHARED".equals(video)) {
      throw ApiException.invalid(
          c.path(), "SHARED must be used for both presetSpeke20Audio and presetSpeke20Video");
    }
    if ("UNENCRYPTED".equals(audio) && "UNENCRYPTED".equals(video)) {
      throw ApiException.invalid(
          c.path(), "presetSpeke20Audio and presetSpeke20Video cannot both be UNENCRYPTED");
    }
    if (("UNENCRYPTED".equals(audio) && "SHARED".equals(video))
        || ("UNENCRYPTED".equals(video) && "SHARED".equals(audio))) {
      throw ApiException.invalid(c.path(), "UNENCRYPTED cannot be combined with SHARED");
    }
    return new EncryptionContractConfiguration(audio, video);
  }

  private static String required(Fields f, String name, Set<String> allowed) {
    f.string(name, true);
    return f.enumValue(name, allowed);
  }
}
