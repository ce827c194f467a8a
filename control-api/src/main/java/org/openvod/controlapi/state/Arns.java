package org.openvod.controlapi.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds and parses the ARNs of this deployment's groups, configurations and assets. */
public record Arns(String region, String account) {

  public static final String GROUPS = "packaging-groups";
  public static final String CONFIGURATIONS = "packaging-configurations";
  public static final String ASSETS = "assets";

  private static final Pattern ARN =
      Pattern.compile(
          "arn:[^:]+:mediapackage-vod:([^:]*):([^:]*):"
              + "(packaging-groups|packaging-configurations|assets)/(.+)");

  /** What an ARN names: its resource type (one of the constants above) and id. */
  public record Parsed(String type, String id) {}

  public String group(String id) {
    return arn(GROUPS, id);
  }

  public String configuration(String id) {
    return arn(CONFIGURATIONS, id);
  }

  public String asset(String id) {
    return arn(ASSETS, id);
  }

  private String arn(String type, String id) {
    return "arn:aws:mediapackage-vod:" + region + ":" + account + ":" + type + "/" + id;
  }

  /** The type and id of a mediapackage-vod ARN of any region/account, or null if it is not one. */
  public static Parsed parse(String arn) {
    if (arn == null) {
      return null;
    }
    Matcher m = ARN.matcher(arn);
    return m.matches() ? new Parsed(m.group(3), m.group(4)) : null;
  }
}
