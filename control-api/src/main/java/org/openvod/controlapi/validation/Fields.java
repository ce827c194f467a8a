package org.openvod.controlapi.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvod.controlapi.api.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Typed, path-aware access to one JSON object of a request. Every accessor checks the JSON type of
 * the member and reports a violation as a 422 naming the member's JSON path ({@code
 * $.hlsPackage.hlsManifests[0].manifestName}) and the rule. A member that is absent or JSON null
 * counts as absent. Members we do not know are ignored, as AWS does.
 */
public final class Fields {

  /**
   * No string member may be longer: it keeps every command and resource record far below Kafka's 1
   * MB record limit, so no valid request can fail to be written.
   */
  public static final int MAX_STRING = 2048;

  private final JsonNode node;
  private final String path;

  private Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The request body's top-level object. */
  public static Fields root(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw ApiException.unprocessable("$ the request body must be a JSON object");
    }
    return new Fields(node, "$");
  }

  public String path() {
    return path;
  }

  public String path(String name) {
    return path + "." + name;
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  private JsonNode value(String name, boolean required) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.invalid(path(name), "is required");
      }
      return null;
    }
    return v;
  }

  public String string(String name, boolean required) {
    JsonNode v = value(name, required);
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      throw ApiException.invalid(path(name), "must be a string");
    }
    if (required && v.stringValue().isEmpty()) {
      throw ApiException.invalid(path(name), "must not be empty");
    }
    if (v.stringValue().length() > MAX_STRING) {
      throw ApiException.invalid(path(name), "must be at most " + MAX_STRING + " characters");
    }
    return v.stringValue();
  }

  /** A string matching a pattern, described by {@code rule} in the error message. */
  public String string(String name, boolean required, Pattern pattern, String rule) {
    String s = string(name, required);
    if (s != null && !pattern.matcher(s).matches()) {
      throw ApiException.invalid(path(name), rule);
    }
    return s;
  }

  /** A string that must be one of the enum values. */
  public String enumValue(String name, Set<String> allowed) {
    String s = string(name, false);
    if (s != null && !allowed.contains(s)) {
      throw ApiException.invalid(path(name), "must be one of " + sorted(allowed));
    }
    return s;
  }

  public Integer integer(String name, long min, long max) {
    JsonNode v = value(name, false);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.invalid(path(name), "must be an integer");
    }
    int i = v.intValue();
    if (i < min || i > max) {
      throw ApiException.invalid(path(name), "must be between " + min + " and " + max);
    }
    return i;
  }

  public Boolean bool(String name) {
    JsonNode v = value(name, false);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiException.invalid(path(name), "must be a boolean");
    }
    return v.booleanValue();
  }

  public Fields object(String name, boolean required) {
    JsonNode v = value(name, required);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw ApiException.invalid(path(name), "must be a JSON object");
    }
    return new Fields(v, path(name));
  }

  /** An array of objects; {@code required} also means "at least one element". */
  public List<Fields> objects(String name, boolean required, int maxItems) {
    JsonNode v = array(name, required, maxItems);
    if (v == null) {
      return null;
    }
    List<Fields> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = path(name) + "[" + i + "]";
      if (item == null || !item.isObject()) {
        throw ApiException.invalid(itemPath, "must be a JSON object");
      }
      out.add(new Fields(item, itemPath));
    }
    return out;
  }

  /** An array of strings; {@code required} also means "at least one element". */
  public List<String> strings(String name, boolean required, int maxItems) {
    JsonNode v = array(name, required, maxItems);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item == null || !item.isString()) {
        throw ApiException.invalid(path(name) + "[" + i + "]", "must be a string");
      }
      if (item.stringValue().length() > MAX_STRING) {
        throw ApiException.invalid(
            path(name) + "[" + i + "]", "must be at most " + MAX_STRING + " characters");
      }
      out.add(item.stringValue());
    }
    return out;
  }

  private JsonNode array(String name, boolean required, int maxItems) {
    JsonNode v = value(name, required);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw ApiException.invalid(path(name), "must be a JSON array");
    }
    if (required && v.isEmpty()) {
      throw ApiException.invalid(path(name), "must have at least one element");
    }
    if (v.size() > maxItems) {
      throw ApiException.invalid(path(name), "must have at most " + maxItems + " elements");
    }
    return v;
  }

  /** An object whose members are all strings (tags); insertion order kept. */
  public Map<String, String> stringMap(String name, boolean required) {
    JsonNode v = value(name, required);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw ApiException.invalid(path(name), "must be a JSON object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isString()) {
        throw ApiException.invalid(path(name) + "." + e.getKey(), "must be a string");
      }
      out.put(e.getKey(), e.getValue().stringValue());
    }
    return out;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }
}
