package org.openvod.controlapi.api;

import java.util.List;
import java.util.Locale;
import org.openvod.controlapi.state.Arns;
import org.openvod.controlapi.validation.Fields;
import org.openvod.events.Json;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Maps (method, decoded path segments) onto the 17 operations. Routing on decoded segments of the
 * raw path means an ARN in /tags/{resource-arn} arrives whole whether its '/' and ':' were
 * percent-encoded or not.
 */
public final class ApiRouter {

  private final Operations ops;

  public ApiRouter(Operations ops) {
    this.ops = ops;
  }

  public Mono<ApiResponse> route(ApiRequest r) {
    List<String> s = r.segments();
    String m = r.method();
    if (s.isEmpty()) {
      throw unknown(r);
    }
    switch (s.get(0)) {
      case "packaging_groups" -> {
        if (s.size() == 1) {
          if (m.equals("POST")) {
            return ops.createGroup(body(r));
          } else if (m.equals("GET")) {
            return ops.listGroups(r);
          }
        } else if (s.size() == 2) {
          switch (m) {
            case "GET":
              return ops.describeGroup(s.get(1));
            case "PUT":
              return ops.updateGroup(s.get(1), body(r));
            case "DELETE":
              return ops.deleteGroup(s.get(1));
            default:
              break;
          }
        } else if (s.size() == 3 && s.get(2).equals("configure_logs") && m.equals("PUT")) {
          return ops.configureLogs(s.get(1), body(r));
        }
      }
      case "packaging_configurations" -> {
        if (s.size() == 1) {
          if (m.equals("POST")) {
            return ops.createConfiguration(body(r));
          } else if (m.equals("GET")) {
            return ops.listConfigurations(r);
          }
        } else if (s.size() == 2) {
          if (m.equals("GET")) {
            return ops.describeConfiguration(s.get(1));
          } else if (m.equals("DELETE")) {
            return ops.deleteConfiguration(s.get(1));
          }
        }
      }
      case "assets" -> {
        if (s.size() == 1) {
          if (m.equals("POST")) {
            return ops.createAsset(body(r));
          } else if (m.equals("GET")) {
            return ops.listAssets(r);
          }
        } else if (s.size() == 2) {
          if (m.equals("GET")) {
            return ops.describeAsset(s.get(1));
          } else if (m.equals("DELETE")) {
            return ops.deleteAsset(s.get(1));
          }
        }
      }
      case "tags" -> {
        if (s.size() >= 2) {
          // an ARN sent without encoding its '/' spans several segments: join them back
          String arn = String.join("/", s.subList(1, s.size()));
          if (Arns.parse(arn) == null) {
            throw ApiException.invalid(
                "resource-arn (path)",
                "must be a mediapackage-vod ARN of a packaging group, configuration or asset");
          }
          switch (m) {
            case "POST":
              return ops.tagResource(arn, body(r));
            case "DELETE":
              return ops.untagResource(arn, r);
            case "GET":
              return ops.listTags(arn);
            default:
              break;
          }
        }
      }
      default -> {}
    }
    throw unknown(r);
  }

  private static ApiException unknown(ApiRequest r) {
    return ApiException.notFound(
        "no operation " + r.method() + " /" + String.join("/", r.segments()));
  }

  /** The body as a JSON object; an empty body counts as {}. */
  static Fields body(ApiRequest r) {
    if (r.body().length > 0) {
      String type = r.contentType();
      if (type == null || !isJson(type)) {
        throw ApiException.unprocessable(
            "Content-Type must be application/json, not " + (type == null ? "absent" : type));
      }
    }
    if (r.body().length == 0) {
      return Fields.root(Json.MAPPER.createObjectNode());
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(r.body());
    } catch (JacksonException e) {
      throw ApiException.unprocessable(
          "$ the request body is not valid JSON: " + e.getOriginalMessage());
    }
    return Fields.root(node);
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || type.equals("application/x-amz-json-1.1")
        || type.equals("application/x-amz-json-1.0");
  }
}
