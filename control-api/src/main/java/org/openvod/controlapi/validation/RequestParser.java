package org.openvod.controlapi.validation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvod.controlapi.api.ApiException;
import org.openvod.controlapi.command.Command;
import org.openvod.controlapi.state.Arns;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Asset;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;

/**
 * Turns validated request bodies into commands. Everything a command must carry unchanged through a
 * re-decision (createdAt, hex ids, event ids) is generated here, once.
 */
public final class RequestParser {

  /** createdAt is ISO-8601 in UTC with an explicit offset, to the second. */
  public static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private static final Pattern SOURCE_ARN =
      Pattern.compile("arn:aws:s3::(?:[0-9]{12})?:([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
  private static final String SOURCE_ARN_RULE =
      "must be the S3 object ARN of an .m3u8 or .smil file (arn:aws:s3:::<bucket>/<key>)";

  private final Arns arns;
  private final String domainName;
  private final Clock clock;

  public RequestParser(Arns arns, String domainName, Clock clock) {
    this.arns = arns;
    this.domainName = domainName;
    this.clock = clock;
  }

  private String now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(CREATED_AT);
  }

  public Command.CreateGroup createGroup(Fields f) {
    String id = Rules.id(f, "id");
    return new Command.CreateGroup(
        new PackagingGroup(
            id,
            arns.group(id),
            now(),
            domainName,
            Rules.authorization(f, "authorization"),
            Rules.egressAccessLogs(f, "egressAccessLogs"),
            tags(f)));
  }

  /** UpdatePackagingGroup: the body's only member replaces the authorization (absent = none). */
  public Command.UpdateGroup updateGroup(String id, Fields f) {
    return new Command.UpdateGroup(Rules.pathId(id), Rules.authorization(f, "authorization"));
  }

  /** ConfigureLogs: egressAccessLogs present (even {}) enables logging, absent disables it. */
  public Command.ConfigureLogs configureLogs(String id, Fields f) {
    return new Command.ConfigureLogs(
        Rules.pathId(id), Rules.egressAccessLogs(f, "egressAccessLogs"));
  }

  public Command.DeleteGroup deleteGroup(String id) {
    return new Command.DeleteGroup(Rules.pathId(id));
  }

  public Command.DeleteConfiguration deleteConfiguration(String id) {
    return new Command.DeleteConfiguration(Rules.pathId(id), newEventId());
  }

  public Command.DeleteAsset deleteAsset(String id) {
    return new Command.DeleteAsset(Rules.pathId(id), newEventId());
  }

  public Command.CreateConfiguration createConfiguration(Fields f) {
    String id = Rules.id(f, "id");
    String groupId = Rules.id(f, "packagingGroupId");
    List<String> present = new ArrayList<>();
    for (String name : List.of("hlsPackage", "dashPackage", "cmafPackage", "mssPackage")) {
      if (f.has(name)) {
        present.add(name);
      }
    }
    if (present.size() != 1) {
      throw ApiException.invalid(
          "$",
          "must contain exactly one of hlsPackage, dashPackage, cmafPackage, mssPackage"
              + (present.isEmpty() ? " (none given)" : " (given: " + present + ")"));
    }
    Fields hls = f.object("hlsPackage", false);
    Fields dash = f.object("dashPackage", false);
    Fields cmaf = f.object("cmafPackage", false);
    Fields mss = f.object("mssPackage", false);
    HlsPackage hlsPackage = hls == null ? null : PackageParser.hls(hls);
    DashPackage dashPackage = dash == null ? null : PackageParser.dash(dash);
    CmafPackage cmafPackage = cmaf == null ? null : PackageParser.cmaf(cmaf);
    MssPackage mssPackage = mss == null ? null : PackageParser.mss(mss);
    PackagingConfiguration configuration =
        new PackagingConfiguration(
            id,
            arns.configuration(id),
            now(),
            groupId,
            hlsPackage,
            dashPackage,
            cmafPackage,
            mssPackage,
            tags(f));
    return new Command.CreateConfiguration(
        configuration, EgressLayout.newHexId(), EgressLayout.newHexId(), newEventId());
  }

  public Command.CreateAsset createAsset(Fields f) {
    String id = Rules.id(f, "id");
    String groupId = Rules.id(f, "packagingGroupId");
    String sourceArn = f.string("sourceArn", true);
    Matcher m = SOURCE_ARN.matcher(sourceArn);
    if (!m.matches() || !(m.group(2).endsWith(".m3u8") || m.group(2).endsWith(".smil"))) {
      throw ApiException.invalid(f.path("sourceArn"), SOURCE_ARN_RULE);
    }
    String roleArn = f.string("sourceRoleArn", true, Rules.IAM_ROLE_ARN, Rules.IAM_ROLE_RULE);
    String resourceId = f.string("resourceId", false);
    if (resourceId != null && (resourceId.isEmpty() || resourceId.length() > 256)) {
      throw ApiException.invalid(f.path("resourceId"), "must be 1 to 256 characters");
    }
    Asset asset =
        new Asset(
            id, arns.asset(id), now(), groupId, resourceId, sourceArn, roleArn, List.of(), tags(f));
    return new Command.CreateAsset(asset, EgressLayout.newHexId(), newEventId());
  }

  public Command.TagResource tagResource(String arn, Fields f) {
    return new Command.TagResource(arn, Rules.tags(f, "tags", true));
  }

  /** tagKeys repeated ({@code tagKeys=a&tagKeys=b}) or comma-separated ({@code tagKeys=a,b}). */
  public Command.UntagResource untagResource(String arn, List<String> tagKeyParams) {
    List<String> keys = new ArrayList<>();
    if (tagKeyParams != null) {
      for (String param : tagKeyParams) {
        for (String key : param.split(",")) {
          if (!key.isEmpty()) {
            Rules.checkTagKey("tagKeys", key);
            keys.add(key);
          }
        }
      }
    }
    if (keys.isEmpty()) {
      throw ApiException.invalid("tagKeys", "is required (at least one tag key)");
    }
    return new Command.UntagResource(arn, keys);
  }

  private static Map<String, String> tags(Fields f) {
    Map<String, String> tags = Rules.tags(f, "tags", false);
    return tags == null ? Map.of() : new LinkedHashMap<>(tags);
  }

  private static String newEventId() {
    return UUID.randomUUID().toString();
  }
}
