package org.openvod.ingest.speke;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SPEKE v2 encryption contract that MediaPackage's {@code encryptionContractConfiguration}
 * presets stand for: how many keys, and which video resolutions (pixels) or audio channel counts
 * each protects. SD is up to 552,960 pixels, HD1 up to 921,600 (1280x720), HD up to 2,073,600
 * (1920x1080), UHD1 up to 8,847,360 (4096x2160); stereo is up to 2 channels.
 */
public final class EncryptionContract {

  public static final String SHARED = "SHARED";
  public static final String UNENCRYPTED = "UNENCRYPTED";

  private static final long SD = 552_960;
  private static final long HD1 = 921_600;
  private static final long HD = 2_073_600;
  private static final long UHD1 = 8_847_360;

  private static final KeyRule R_SD = video("SD", null, SD);
  private static final KeyRule R_HD = video("HD", SD + 1, HD);
  private static final KeyRule R_HD_PLUS = video("HD", SD + 1, null);
  private static final KeyRule R_HD1 = video("HD1", SD + 1, HD1);
  private static final KeyRule R_HD2 = video("HD2", HD1 + 1, HD);
  private static final KeyRule R_UHD = video("UHD", HD + 1, null);
  private static final KeyRule R_UHD1 = video("UHD1", HD + 1, UHD1);
  private static final KeyRule R_UHD2 = video("UHD2", UHD1 + 1, null);
  private static final KeyRule R_SD_HD1 =
      new KeyRule("SD+HD1", List.of(TrackFilter.video(null, SD), TrackFilter.video(SD + 1, HD1)));

  private static final Map<String, List<KeyRule>> VIDEO =
      Map.of(
          "PRESET-VIDEO-1", List.of(video("VIDEO", null, null)),
          "PRESET-VIDEO-2", List.of(R_SD, R_HD_PLUS),
          "PRESET-VIDEO-3", List.of(R_SD, R_HD, R_UHD),
          "PRESET-VIDEO-4", List.of(R_SD, R_HD, R_UHD1, R_UHD2),
          "PRESET-VIDEO-5", List.of(R_SD, R_HD1, R_HD2, R_UHD1, R_UHD2),
          "PRESET-VIDEO-6", List.of(R_SD, R_HD1, R_HD2, R_UHD),
          "PRESET-VIDEO-7", List.of(R_SD_HD1, R_HD2, R_UHD),
          "PRESET-VIDEO-8", List.of(R_SD_HD1, R_HD2, R_UHD1, R_UHD2));

  private static final Map<String, List<KeyRule>> AUDIO =
      Map.of(
          "PRESET-AUDIO-1", List.of(audio("AUDIO", null, null)),
          "PRESET-AUDIO-2",
              List.of(audio("STEREO_AUDIO", null, 2L), audio("MULTICHANNEL_AUDIO", 3L, null)),
          "PRESET-AUDIO-3",
              List.of(
                  audio("STEREO_AUDIO", null, 2L),
                  audio("MULTICHANNEL_AUDIO_3_6", 3L, 6L),
                  audio("MULTICHANNEL_AUDIO_7", 7L, null)));

  private EncryptionContract() {}

  /**
   * The keys to request for a pair of presets (API enum spellings with '-' or '_' both accepted).
   *
   * @throws IllegalArgumentException naming the field for an unknown preset or a pairing the API
   *     refuses (SHARED on one side only, UNENCRYPTED on both or with SHARED)
   */
  public static List<KeyRule> rules(String presetSpeke20Video, String presetSpeke20Audio) {
    String video = normalize("presetSpeke20Video", presetSpeke20Video);
    String audio = normalize("presetSpeke20Audio", presetSpeke20Audio);
    if (video.equals(SHARED) != audio.equals(SHARED)) {
      throw new IllegalArgumentException(
          "presetSpeke20Audio and presetSpeke20Video must both be SHARED or neither");
    }
    if (video.equals(UNENCRYPTED) && audio.equals(UNENCRYPTED)) {
      throw new IllegalArgumentException(
          "presetSpeke20Audio and presetSpeke20Video cannot both be UNENCRYPTED");
    }
    if (video.equals(SHARED)) {
      return List.of(
          new KeyRule(
              "ALL", List.of(TrackFilter.audio(null, null), TrackFilter.video(null, null))));
    }
    List<KeyRule> out = new ArrayList<>();
    if (!video.equals(UNENCRYPTED)) {
      out.addAll(lookup(VIDEO, "presetSpeke20Video", video));
    }
    if (!audio.equals(UNENCRYPTED)) {
      out.addAll(lookup(AUDIO, "presetSpeke20Audio", audio));
    }
    return out;
  }

  private static List<KeyRule> lookup(Map<String, List<KeyRule>> table, String field, String v) {
    List<KeyRule> rules = table.get(v);
    if (rules == null) {
      throw new IllegalArgumentException(field + " has an unknown value: " + v);
    }
    return rules;
  }

  private static String normalize(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value.trim().replace('_', '-');
  }

  private static KeyRule video(String name, Long minPixels, Long maxPixels) {
    return new KeyRule(name, List.of(TrackFilter.video(minPixels, maxPixels)));
  }

  private static KeyRule audio(String name, Long minChannels, Long maxChannels) {
    return new KeyRule(name, List.of(TrackFilter.audio(minChannels, maxChannels)));
  }
}
