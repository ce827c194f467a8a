package org.openvod.engine.output.dash;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.output.fmp4.FragmentedTrack;
import org.openvod.engine.output.fmp4.XmlText;

/**
 * The MPD's ContentProtection descriptors of an encrypted adaptation set (ISO/IEC 23009-1 §5.8.4.1,
 * DASH-IF IOP §7.7.2):
 *
 * <pre>
 * ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc"
 *                   cenc:default_KID="9eb4050d-e44b-4802-932e-27d75083e266"
 * ContentProtection schemeIdUri="urn:uuid:&lt;system id&gt;"   one per DRM signal
 *   cenc:pssh        base64 of the signal's pssh box, when it has one
 *   ...              the signal's contentProtectionXml as the key server gave it
 * </pre>
 *
 * An adaptation set declares one default_KID, so tracks under different keys (SPEKE v2: SD and HD
 * keys) go into different adaptation sets: {@link #byKey}.
 */
final class DashProtection {

  static final String MP4_PROTECTION = "urn:mpeg:dash:mp4protection:2011";
  static final String CENC_NAMESPACE = "urn:mpeg:cenc:2013";
  static final String PLAYREADY_NAMESPACE = "urn:microsoft:playready";

  private DashProtection() {}

  static boolean any(Collection<FragmentedTrack> tracks) {
    return tracks.stream().anyMatch(t -> t.protection() != null);
  }

  /** The tracks split by key id (clear tracks together), each group in the order given. */
  static List<List<FragmentedTrack>> byKey(List<FragmentedTrack> tracks) {
    Map<String, List<FragmentedTrack>> groups = new LinkedHashMap<>();
    for (FragmentedTrack t : tracks) {
      String key = t.protection() == null ? "" : HexFormat.of().formatHex(t.protection().keyId());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    return List.copyOf(groups.values());
  }

  /** The descriptors of an adaptation set whose tracks share {@code protection}; none if null. */
  static void write(XmlText xml, TrackProtection protection) {
    if (protection == null) {
      return;
    }
    xml.start("ContentProtection")
        .attr("schemeIdUri", MP4_PROTECTION)
        .attr("value", protection.scheme())
        .attr("cenc:default_KID", protection.keyIdUuid().toString());
    xml.end("ContentProtection");
    for (DrmSignal signal : protection.signals()) {
      xml.start("ContentProtection")
          .attr("schemeIdUri", "urn:uuid:" + signal.systemId().toString().toLowerCase(Locale.ROOT));
      String extra = signal.contentProtectionXml();
      boolean hasPssh = extra != null && extra.contains("pssh");
      if (signal.pssh() != null && !hasPssh) {
        xml.start("cenc:pssh").text(Base64.getEncoder().encodeToString(signal.pssh()));
        xml.end("cenc:pssh");
      }
      if (extra != null && !extra.isBlank()) {
        xml.raw(extra);
      }
      xml.end("ContentProtection");
    }
  }
}
