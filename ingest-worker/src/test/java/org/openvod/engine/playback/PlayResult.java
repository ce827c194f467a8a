package org.openvod.engine.playback;

import java.util.List;
import java.util.Map;

/**
 * What play.mjs saw while a real player played one URL.
 *
 * @param player the harness's name of the player (hlsjs, dashjs, shaka)
 * @param url what it played
 * @param ok no player or HTTP error, currentTime reached the asked seconds, frames decoded, and
 *     (when asked) both forced rendition switches played
 * @param reason why not ok, null when ok
 * @param audioDecodedBytes Chromium's count of audio bytes decoded
 * @param levelHeights video heights of the renditions the player offered
 * @param switched null when no switch was asked
 * @param errors player errors, one readable line each
 * @param warnings errors the player recovered from by itself (hls.js non-fatal, Shaka RECOVERABLE):
 *     reported, not failed on
 * @param httpErrors failed media requests, "status url"
 * @param json the whole line play.mjs printed, for failure messages
 */
record PlayResult(
    String player,
    String url,
    boolean ok,
    String reason,
    double currentTime,
    long decodedFrames,
    long audioDecodedBytes,
    List<Integer> levelHeights,
    Boolean switched,
    List<String> errors,
    List<String> warnings,
    List<String> httpErrors,
    long elapsedMs,
    Boolean ended,
    String json) {

  static PlayResult fromJson(String line) {
    Object parsed = MiniJson.parse(line);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("play.mjs printed no JSON object: " + line);
    }
    return new PlayResult(
        String.valueOf(map.get("player")),
        String.valueOf(map.get("url")),
        Boolean.TRUE.equals(map.get("ok")),
        (String) map.get("reason"),
        number(map.get("currentTime")),
        (long) number(map.get("decodedFrames")),
        (long) number(map.get("audioDecodedBytes")),
        list(map.get("levels")).stream()
            .map(l -> (int) number(((Map<?, ?>) l).get("height")))
            .toList(),
        (Boolean) map.get("switched"),
        list(map.get("errors")).stream().map(String::valueOf).toList(),
        list(map.get("warnings")).stream().map(String::valueOf).toList(),
        list(map.get("httpErrors")).stream()
            .map(e -> text(((Map<?, ?>) e).get("status")) + " " + ((Map<?, ?>) e).get("url"))
            .toList(),
        (long) number(map.get("elapsedMs")),
        map.get("end") instanceof Map<?, ?> end ? (Boolean) end.get("ended") : null,
        line);
  }

  private static double number(Object value) {
    return value instanceof Double d ? d : 0;
  }

  /** JSON numbers arrive as doubles: 404, not 404.0. */
  private static String text(Object value) {
    return value instanceof Double d && d == Math.rint(d)
        ? String.valueOf(d.longValue())
        : String.valueOf(value);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
