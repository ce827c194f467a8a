package org.openvod.controlapi.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * List pages ordered by id. The nextToken is the last id of the page, encoded (opaque to clients);
 * the next page starts strictly after it. Because the order is by id and not by position, items
 * created or deleted meanwhile never make an item that exists throughout be skipped or repeated.
 */
public final class Pagination {

  private static final String PREFIX = "v1:";

  private Pagination() {}

  /** The page size: maxResults (1..1000) or the default. */
  public static int pageSize(ApiRequest request, int defaultSize) {
    String raw = request.param("maxResults");
    if (raw == null) {
      return defaultSize;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("maxResults", "must be an integer between 1 and 1000");
  }

  /** The id after which the page starts, or null for the first page. */
  public static String after(ApiRequest request) {
    String token = request.param("nextToken");
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
        return decoded.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.invalid("nextToken", "is not a token returned by this API");
  }

  public static String token(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** Trims a page fetched with size+1 items, and gives the token when there is more. */
  public record Page<T>(List<T> items, String nextToken) {}

  public static <T> Page<T> page(List<T> fetched, int size, Function<T, String> id) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, size);
    return new Page<>(items, token(id.apply(items.get(size - 1))));
  }
}
