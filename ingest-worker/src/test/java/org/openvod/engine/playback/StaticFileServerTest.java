package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test file server players fetch from: whole files, byte ranges, CORS, and refusals. */
class StaticFileServerTest {

  @TempDir Path temp;

  private StaticFileServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    Path dir = temp.resolve("www");
    Files.createDirectories(dir.resolve("QualityLevels(500)"));
    Files.writeString(dir.resolve("QualityLevels(500)/Fragments(video=0)"), "0123456789");
    Files.writeString(dir.resolve("a.m3u8"), "#EXTM3U\n");
    Files.writeString(temp.resolve("secret.txt"), "outside the served folder");
    server = StaticFileServer.serve(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void servesWholeFilesWithCorsAndContentType() throws Exception {
    HttpResponse<String> response = get(server.url("a.m3u8"), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("#EXTM3U\n");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.apple.mpegurl");
    assertThat(server.requests()).containsExactly("GET /a.m3u8 200");
  }

  @Test
  void servesByteRangesOfPathsWithParentheses() throws Exception {
    URI fragment = server.url("QualityLevels(500)/Fragments(video=0)");
    HttpResponse<String> middle = get(fragment, "bytes=2-5");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo("2345");
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");

    assertThat(get(fragment, "bytes=7-").body()).isEqualTo("789");
    assertThat(get(fragment, "bytes=-3").body()).isEqualTo("789");
    assertThat(get(fragment, "bytes=8-100").body()).isEqualTo("89");

    HttpResponse<String> beyond = get(fragment, "bytes=10-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10");
  }

  @Test
  void refusesMissingFilesAndPathsOutsideTheFolder() throws Exception {
    assertThat(get(server.url("nope.mpd"), null).statusCode()).isEqualTo(404);
    URI escape = URI.create(server.url("").toString() + "%2e%2e/secret.txt");
    assertThat(get(escape, null).statusCode()).isEqualTo(404);
  }

  @Test
  void answersCorsPreflight() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.url("a.m3u8"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Range");
  }

  private HttpResponse<String> get(URI uri, String range) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (range != null) {
      request.header("Range", range);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
