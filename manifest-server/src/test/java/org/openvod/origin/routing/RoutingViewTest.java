package org.openvod.origin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingViewTest {

  static final String A = "c5ffa734ab0b423bacbb36971594d15b";
  static final String C = "0f6b7965074b435590c1a6d4aa062a12";
  static final String M = "040c64786ba74e76a4251785751bf330";

  @Test
  void manifestUrlsNameTheirTriple() {
    assertThat(
            RoutingView.keyOf(
                "https://x.egress.example/out/v1/" + A + "/" + C + "/" + M + "/index.mpd"))
        .isEqualTo(new RoutingView.PlaybackKey(A, C, M));
    assertThat(
            RoutingView.keyOf(
                "http://127.0.0.1:8081/out/v1/" + A + "/" + C + "/" + M + "/index.ism/Manifest"))
        .isEqualTo(new RoutingView.PlaybackKey(A, C, M));
    assertThat(RoutingView.keyOf("http://h/out/v1/" + A + "/" + C + "/index.mpd")).isNull();
    assertThat(RoutingView.keyOf("http://h/elsewhere/" + A + "/" + C + "/" + M + "/index.mpd"))
        .isNull();
    assertThat(RoutingView.keyOf("not a url at all")).isNull();
  }

  @Test
  void unknownEverythingIsUnknown() {
    RoutingView view = new RoutingView();
    List<String> removed = new ArrayList<>();
    view.addListener(
        new RoutingListener() {
          @Override
          public void assetRemoved(String assetHex) {
            removed.add(assetHex);
          }

          @Override
          public void configurationRemoved(String configHex) {
            removed.add(configHex);
          }
        });
    assertThat(view.route(A, C, M)).isEqualTo(Route.UNKNOWN);
    view.applyResource("arn:never-seen", null);
    assertThat(removed).isEmpty();
  }
}
