package org.openvod.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec for every topic value: camelCase records, nulls left out, unknown fields
 * ignored.
 */
public final class Json {

  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(
              v ->
                  v.withValueInclusion(JsonInclude.Include.NON_NULL)
                      .withContentInclusion(JsonInclude.Include.NON_NULL))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public static String writeString(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static <T> T read(byte[] bytes, Class<T> type) {
    return MAPPER.readValue(bytes, type);
  }

  public static <T> T read(String text, Class<T> type) {
    return MAPPER.readValue(text, type);
  }
}
