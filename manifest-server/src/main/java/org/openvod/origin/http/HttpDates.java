package org.openvod.origin.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** IMF-fixdate formatting and parsing, with the current {@code Date} value cached per second. */
public final class HttpDates {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME;

  private record Stamp(long second, String text) {}

  private static volatile Stamp now = new Stamp(-1, "");

  private HttpDates() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant.atZone(ZoneOffset.UTC));
  }

  /** The current time as an HTTP date; formatted at most once a second. */
  public static String now() {
    long second = System.currentTimeMillis() / 1000;
    Stamp stamp = now;
    if (stamp.second != second) {
      stamp = new Stamp(second, format(Instant.ofEpochSecond(second)));
      now = stamp;
    }
    return stamp.text;
  }

  /** Parses an HTTP date, or null when it is not one (such a header is then ignored). */
  public static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
