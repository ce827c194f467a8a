package org.openvod.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPathTest {

  static final String A = "c5ffa734ab0b423bacbb36971594d15b";
  static final String C = "0f6b7965074b435590c1a6d4aa062a12";
  static final String M = "040c64786ba74e76a4251785751bf330";
  static final String BASE = "/out/v1/" + A + "/" + C + "/" + M + "/";

  @Test
  void splitsIdsAndFileAndMapsToTheObjectKey() {
    EgressPath p =
        EgressPath.parse(BASE + "index.ism/QualityLevels(300000)/Fragments(video=0)?x=1");
    assertThat(p.assetHex()).isEqualTo(A);
    assertThat(p.configHex()).isEqualTo(C);
    assertThat(p.manifestHex()).isEqualTo(M);
    assertThat(p.file()).isEqualTo("index.ism/QualityLevels(300000)/Fragments(video=0)");
    assertThat(p.objectKey()).isEqualTo(A + "/" + C + "/" + M + "/" + p.file());
    assertThat(p.fileName()).isEqualTo("Fragments(video=0)");
  }

  @Test
  void decodesOnlyHarmlessEscapes() {
    assertThat(EgressPath.parse(BASE + "Fragments%28video%3D0%29").file())
        .isEqualTo("Fragments(video=0)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x.ts",
        "./x.ts",
        "a/../x.ts",
        "..",
        ".",
        "%2E%2E/x.ts",
        "%2e/x.ts",
        ".%2e/x.ts",
        "a%2Fb.ts",
        "a%2fb.ts",
        "a%5Cb.ts",
        "a\\b.ts",
        "a%00.ts",
        "a%252E.ts",
        "a%25",
        "a%",
        "a%2",
        "a%g0",
        "a//b.ts",
        "/x.ts",
        "x.ts/",
        "",
        "a b.ts",
        "a\tb.ts",
        "a\u00e9.ts",
        "a;b.ts",
        "x.ts#f",
        "a%0A.ts"
      })
  void rejectsFilesThatCouldNameAnotherObject(String file) {
    assertThatThrownBy(() -> EgressPath.parse(BASE + file))
        .isInstanceOf(EgressPath.InvalidPathException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://h/out/v1/" + A + "/" + C + "/" + M + "/x.ts",
        "*",
        "/out/v1/" + A + "/" + C + "/x.ts",
        "/out/v1/" + A + "/" + C + "/" + M,
        "/out/v2/" + A + "/" + C + "/" + M + "/x.ts",
        "/out/v1/" + "C5FFA734AB0B423BACBB36971594D15B" + "/" + C + "/" + M + "/x.ts",
        "/out/v1/" + A + "0/" + C + "/" + M + "/x.ts",
        "/out/v1/../v1/" + A + "/" + C + "/" + M + "/x.ts",
        "/out/v1/" + A + "%2F" + C + "/" + M + "/x.ts",
      })
  void rejectsTargetsOutsideTheLayout(String target) {
    assertThatThrownBy(() -> EgressPath.parse(target))
        .isInstanceOf(EgressPath.InvalidPathException.class);
  }

  @Test
  void rejectsOverlongTargets() {
    assertThatThrownBy(() -> EgressPath.parse(BASE + "a".repeat(2000)))
        .hasMessageContaining("longer than");
  }
}
