package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The assertions every "this output plays" test makes, with the player's JSON as the message. */
final class Played {

  private Played() {}

  static void assertPlayedWithSwitches(PlayResult result, List<Integer> expectedHeights) {
    assertThat(result.errors()).as("player errors: %s", result.json()).isEmpty();
    assertThat(result.httpErrors()).as("HTTP errors: %s", result.json()).isEmpty();
    assertThat(result.ok()).as("not ok (%s): %s", result.reason(), result.json()).isTrue();
    assertThat(result.currentTime()).as(result.json()).isGreaterThanOrEqualTo(4);
    assertThat(result.decodedFrames()).as(result.json()).isPositive();
    assertThat(result.audioDecodedBytes()).as("audio decoded: %s", result.json()).isPositive();
    // Distinct: Shaka offers one variant per video and audio pair, so heights repeat when an
    // output has several audio renditions.
    assertThat(result.levelHeights().stream().distinct())
        .as("video heights the player offered: %s", result.json())
        .containsExactlyInAnyOrderElementsOf(expectedHeights);
    assertThat(result.switched()).as("forced switches: %s", result.json()).isTrue();
  }

  /** As {@link #assertPlayedWithSwitches}, and after a seek near the end it played to the end. */
  static void assertPlayedWithSwitchesToTheEnd(PlayResult result, List<Integer> expectedHeights) {
    assertPlayedWithSwitches(result, expectedHeights);
    assertThat(result.ended()).as("played to the end after a seek: %s", result.json()).isTrue();
  }
}
