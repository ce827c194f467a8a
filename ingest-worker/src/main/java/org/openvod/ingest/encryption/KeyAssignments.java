package org.openvod.ingest.encryption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.media.TrackKind;
import org.openvod.ingest.speke.DeliveredKey;
import org.openvod.ingest.speke.DrmSignaling;
import org.openvod.ingest.speke.SpekeKeys;
import org.openvod.ingest.speke.SpekeVersion;

/**
 * Maps a key server's answer onto tracks. SPEKE v1: its one key protects every track. SPEKE v2: a
 * video track takes the key whose rule covers its pixels (width x height), an audio track the one
 * covering its channel count; a track no rule covers (UNENCRYPTED presets, subtitles) stays clear.
 */
public final class KeyAssignments {

  /** {@code ATTRIBUTE=value} or {@code ATTRIBUTE="value"} in an EXT-X-KEY line. */
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

  private KeyAssignments() {}

  public static KeyAssignment of(SpekeKeys keys) {
    Map<DeliveredKey, ProtectionKey> protection = new IdentityHashMap<>();
    for (DeliveredKey key : keys.keys()) {
      protection.put(key, protectionKey(key));
    }
    if (keys.version() == SpekeVersion.V1) {
      return KeyAssignment.single(protection.get(keys.keys().get(0)));
    }
    return track -> {
      if (track.kind() == TrackKind.VIDEO) {
        return keys.forVideo(track.width(), track.height()).map(protection::get).orElse(null);
      }
      if (track.kind() == TrackKind.AUDIO) {
        return keys.forAudio(track.channels()).map(protection::get).orElse(null);
      }
      return null;
    };
  }

  /** The key with one signal per requested DRM system, in a stable (system id) order. */
  static ProtectionKey protectionKey(DeliveredKey key) {
    List<DrmSignal> signals = new ArrayList<>();
    key.drm().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> signals.add(signal(e.getValue())));
    return new ProtectionKey(key.key(), signals);
  }

  /**
   * SPEKE v1 gives the EXT-X-KEY URI, KEYFORMAT and KEYFORMATVERSIONS as fields; v2 gives whole
   * EXT-X-KEY lines, whose attributes are read here.
   */
  static DrmSignal signal(DrmSignaling s) {
    String uri = s.uriExtXKey();
    String keyFormat = s.keyFormat();
    String keyFormatVersions = s.keyFormatVersions();
    if (s.hlsSignalingMedia() != null) {
      Map<String, String> attributes = attributes(s.hlsSignalingMedia());
      uri = uri != null ? uri : attributes.get("URI");
      keyFormat = keyFormat != null ? keyFormat : attributes.get("KEYFORMAT");
      keyFormatVersions =
          keyFormatVersions != null ? keyFormatVersions : attributes.get("KEYFORMATVERSIONS");
    }
    return new DrmSignal(
        s.systemId(),
        s.pssh(),
        s.contentProtectionData(),
        uri,
        keyFormat,
        keyFormatVersions,
        s.protectionHeader());
  }

  /** The attributes of the first EXT-X-KEY line of a signaling block. */
  static Map<String, String> attributes(String lines) {
    Map<String, String> out = new HashMap<>();
    for (String line : lines.split("\\R")) {
      int colon = line.indexOf(':');
      if (!line.startsWith("#EXT-X-KEY") || colon < 0) {
        continue;
      }
      Matcher m = ATTRIBUTE.matcher(line.substring(colon + 1));
      while (m.find()) {
        String value = m.group(2);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        out.putIfAbsent(m.group(1), value);
      }
      break;
    }
    return out;
  }
}
