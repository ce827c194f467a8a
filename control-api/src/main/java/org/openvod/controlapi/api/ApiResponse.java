package org.openvod.controlapi.api;

import java.util.Map;

/**
 * A successful answer.
 *
 * @param status HTTP status
 * @param body what to serialise as JSON, or null for no body
 */
public record ApiResponse(int status, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  /** 202 with an empty JSON object, the answer of every delete. */
  public static ApiResponse accepted() {
    return new ApiResponse(202, Map.of());
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
