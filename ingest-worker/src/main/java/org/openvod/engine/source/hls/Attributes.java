package org.openvod.engine.source.hls;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HLS attribute list ({@code NAME=value,NAME="quoted, value"}), RFC 8216 section 4.2. */
final class Attributes {

  private final Map<String, String> values;

  private Attributes(Map<String, String> values) {
    this.values = values;
  }

  static Attributes parse(String list) {
    Map<String, String> values = new LinkedHashMap<>();
    int i = 0;
    int n = list.length();
    while (i < n) {
      int eq = list.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = list.substring(i, eq).trim();
      int j = eq + 1;
      String value;
      if (j < n && list.charAt(j) == '"') {
        int close = list.indexOf('"', j + 1);
        if (close < 0) {
          close = n;
        }
        value = list.substring(j + 1, close);
        j = close + 1;
        int comma = list.indexOf(',', j);
        j = comma < 0 ? n : comma + 1;
      } else {
        int comma = list.indexOf(',', j);
        int end = comma < 0 ? n : comma;
        value = list.substring(j, end).trim();
        j = comma < 0 ? n : comma + 1;
      }
      values.put(name, value);
      i = j;
    }
    return new Attributes(values);
  }

  String get(String name) {
    return values.get(name);
  }

  long getLong(String name, long fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  boolean getYes(String name) {
    return "YES".equalsIgnoreCase(values.get(name));
  }
}
