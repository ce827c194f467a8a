package org.openvod.controlapi.validation;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.openvod.controlapi.api.ApiException;
import org.openvod.controlapi.decide.Decider;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.EgressAccessLogs;

/** Field rules shared by several operations, each with the words used in its error message. */
public final class Rules {

  public static final Pattern ID = Pattern.compile("[0-9a-zA-Z_-]{1,256}");
  public static final String ID_RULE = "must be 1 to 256 characters of [0-9a-zA-Z_-]";

  public static final Pattern IAM_ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  public static final String IAM_ROLE_RULE =
      "must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)";

  static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[\\w+=,.@/-]+");
  static final String SECRET_RULE =
      "must be a Secrets Manager secret ARN"
          + " (arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>)";

  static final Pattern LOG_GROUP = Pattern.compile("/aws/MediaPackage/[0-9a-zA-Z_/.#-]{1,494}");
  static final String LOG_GROUP_RULE =
      "must match /aws/MediaPackage/[0-9a-zA-Z-_/.#]+ and be at most 512 characters";

  /** AWS's default log group when logging is enabled without a name. */
  public static final String DEFAULT_LOG_GROUP = "/aws/MediaPackage/EgressAccessLogs";

  private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private Rules() {}

  public static String id(Fields f, String name) {
    return f.string(name, true, ID, ID_RULE);
  }

  /** Validates an id taken from the URL path. */
  public static String pathId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.invalid("id (path)", ID_RULE);
    }
    return id;
  }

  /** Tags: at most 50; keys 1-128, values 0-256 characters of letters, digits, spaces, _.:/=+-@. */
  public static Map<String, String> tags(Fields f, String name, boolean required) {
    Map<String, String> tags = f.stringMap(name, required);
    if (tags == null) {
      return null;
    }
    checkTags(f.path(name), tags);
    return tags;
  }

  public static void checkTags(String path, Map<String, String> tags) {
    if (tags.size() > Decider.MAX_TAGS) {
      throw ApiException.invalid(path, "must have at most " + Decider.MAX_TAGS + " tags");
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      checkTagKey(path, e.getKey());
      String value = e.getValue();
      if (value.length() > 256 || !TAG_CHARS.matcher(value).matches()) {
        throw ApiException.invalid(
            path + "." + e.getKey(),
            "must be at most 256 characters of letters, digits, spaces and _.:/=+-@");
      }
    }
  }

  public static void checkTagKey(String path, String key) {
    if (key.isEmpty() || key.length() > 128 || !TAG_CHARS.matcher(key).matches()) {
      throw ApiException.invalid(
          path,
          "tag key '"
              + key
              + "' must be 1 to 128 characters of letters, digits, spaces and _.:/=+-@");
    }
    if (key.startsWith("aws:")) {
      throw ApiException.invalid(path, "tag key '" + key + "' must not start with aws:");
    }
  }

  public static Authorization authorization(Fields parent, String name) {
    Fields f = parent.object(name, false);
    if (f == null) {
      return null;
    }
    return new Authorization(
        f.string("cdnIdentifierSecret", true, SECRET_ARN, SECRET_RULE),
        f.string("secretsRoleArn", true, IAM_ROLE_ARN, IAM_ROLE_RULE));
  }

  /** Egress access logs; present (even empty) means enabled, with AWS's default log group. */
  public static EgressAccessLogs egressAccessLogs(Fields parent, String name) {
    Fields f = parent.object(name, false);
    if (f == null) {
      return null;
    }
    String logGroup = f.string("logGroupName", false, LOG_GROUP, LOG_GROUP_RULE);
    return new EgressAccessLogs(logGroup == null ? DEFAULT_LOG_GROUP : logGroup);
  }

  /** An absolute https URL with a host. */
  public static String httpsUrl(Fields f, String name) {
    String url = f.string(name, true);
    try {
      URI uri = new URI(url);
      if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
        return url;
      }
    } catch (Exception e) {
      // reported below
    }
    throw ApiException.invalid(f.path(name), "must be an https:// URL");
  }
}
