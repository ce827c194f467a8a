package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvod.origin.support.RawHttp.Response;

/**
 * No request target reaches an object outside the (asset, configuration, manifest) directory it
 * names, whatever its dots, slashes or encodings. Each attack is sent byte for byte on a raw
 * socket, against a layout where a "secret" object exists next door, so a wrong normalisation would
 * show up as a 200 with the secret's bytes.
 */
class PathSafetyTest extends OriginIntegrationTest {

  static final byte[] SECRET = "not yours".getBytes(StandardCharsets.UTF_8);

  Published p;
  Published other;
  String base;

  @BeforeEach
  void publish() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8));
    files.put("index.ism/QualityLevels(300000)/Fragments(video=0)", bytes(100, 1));
    p = playable(null, null, files);
    other = playable(null, null, Map.of("other.m3u8", SECRET));
    // an object in this asset's directory tree but outside its manifest directory
    putObject(p.assetHex() + "/secret.m3u8", SECRET);
    putObject(p.assetHex() + "/" + p.configHex() + "/secret.m3u8", SECRET);
    base = p.path("");
  }

  @Test
  void traversalAndEncodingTricksAreRejected() {
    String a = p.assetHex();
    String c = p.configHex();
    String m = p.manifestHex();
    String o = other.assetHex() + "/" + other.configHex() + "/" + other.manifestHex();
    List<String> attacks =
        List.of(
            base + "../secret.m3u8",
            base + "../../secret.m3u8",
            base + "./index.m3u8",
            base + "../" + m + "/index.m3u8",
            base + "..%2Fsecret.m3u8",
            base + "..%2fsecret.m3u8",
            base + "%2E%2E/secret.m3u8",
            base + "%2e%2e/secret.m3u8",
            base + ".%2E/secret.m3u8",
            base + "%2E/index.m3u8",
            base + "..%5Csecret.m3u8",
            base + "..\\secret.m3u8",
            base + "index.m3u8%00.ts",
            base + "%00",
            base + "%252E%252E/secret.m3u8",
            base + "%252Fsecret.m3u8",
            base + "%25",
            base + "%zz",
            base + "%2",
            base + "/index.m3u8",
            base + "index.ism//Manifest",
            base + "index.m3u8/",
            base,
            "/out/v1/" + a + "//" + c + "/" + m + "/index.m3u8",
            "/out/v1/" + a + "/" + c + "/" + m + "/../../../" + o + "/other.m3u8",
            "/out/v1/"
                + a
                + "/"
                + c
                + "/"
                + m
                + "/..%2F..%2F..%2F"
                + o.replace("/", "%2F")
                + "/secret.m3u8",
            "/out/v1/" + a + "/" + c + "/..%2F" + c + "/index.m3u8",
            "/out/v1/" + a.toUpperCase() + "/" + c + "/" + m + "/index.m3u8",
            "/out/v1/./" + a + "/" + c + "/" + m + "/index.m3u8",
            "/out/v1/../v1/" + a + "/" + c + "/" + m + "/index.m3u8",
            "/out/v1/" + a + "%2F" + c + "/" + m + "/index.m3u8",
            "/out/v1/" + a + "/" + c + "/" + m + "/index.m3u8#frag",
            "/out/v1/" + a + "/" + c + "/" + m + "/ind\u00e9x.m3u8",
            "/out/v1/" + a + "/" + c + "/" + m,
            "//out/v1/" + a + "/" + c + "/" + m + "/index.m3u8",
            "/out/v1/%2E%2E/secret.m3u8",
            "http://127.0.0.1/out/v1/" + a + "/" + c + "/" + m + "/index.m3u8",
            "http://evil.example/out/v1/" + a + "/" + c + "/" + m + "/../secret.m3u8",
            "*");
    for (String target : attacks) {
      Response r = get(target);
      assertThat(r.status()).as(target).isIn(400, 404);
      assertThat(r.text()).as(target).doesNotContain("not yours").doesNotContain("#EXTM3U");
    }
    assertThat(S3_PROXY.gets("secret.m3u8")).as("no S3 GET for the secret objects").isZero();
  }

  @Test
  void harmlessEncodingsStillWork() {
    // players may encode the parentheses and '=' of Smooth Streaming fragment names
    String fragment = "index.ism/QualityLevels%28300000%29/Fragments%28video%3D0%29";
    Response r = get(base + fragment);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(bytes(100, 1));
    assertThat(get(base + "index.m3u8?aws.manifestfilter=video_height:1-720").status())
        .as("a query string does not change the object")
        .isEqualTo(200);
  }
}
