package org.openvod.deploy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * ffmpeg cannot read Smooth Streaming, so this reads the client manifest the way a player does:
 * every stream's every quality level, the first and the last fragment of each fetched by the URL
 * template and the c (t, d, r) timeline, each must be a movie fragment.
 */
final class SmoothStreamingCheck {

  /** What the manifest says, for the test to compare with the source. */
  record Result(int videoLevels, int audioLevels, double durationSeconds, int fragmentsFetched) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SmoothStreamingCheck() {}

  static Result check(String manifestUrl) throws Exception {
    byte[] manifest = get(manifestUrl);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(manifest));
    Element root = doc.getDocumentElement();
    if (!"SmoothStreamingMedia".equals(root.getTagName())) {
      throw new AssertionError("not a Smooth Streaming manifest: " + root.getTagName());
    }
    double timescale = number(root.getAttribute("TimeScale"), 10_000_000);
    double duration = number(root.getAttribute("Duration"), 0) / timescale;
    String base = manifestUrl.substring(0, manifestUrl.lastIndexOf('/') + 1);
    int video = 0;
    int audio = 0;
    int fetched = 0;
    NodeList streams = root.getElementsByTagName("StreamIndex");
    for (int i = 0; i < streams.getLength(); i++) {
      Element stream = (Element) streams.item(i);
      String type = stream.getAttribute("Type");
      List<Long> starts = fragmentStarts(stream);
      if (starts.isEmpty()) {
        throw new AssertionError(type + " stream has no fragments");
      }
      NodeList levels = stream.getElementsByTagName("QualityLevel");
      for (int q = 0; q < levels.getLength(); q++) {
        String bitrate = ((Element) levels.item(q)).getAttribute("Bitrate");
        for (long start : List.of(starts.get(0), starts.get(starts.size() - 1))) {
          String path =
              stream
                  .getAttribute("Url")
                  .replace("{bitrate}", bitrate)
                  .replace("{Bitrate}", bitrate)
                  .replace("{start time}", Long.toString(start))
                  .replace("{start_time}", Long.toString(start));
          byte[] fragment = get(base + path);
          String box = new String(fragment, 4, 4, StandardCharsets.US_ASCII);
          if (!"moof".equals(box)) {
            throw new AssertionError(base + path + " does not start with a moof box but " + box);
          }
          fetched++;
        }
      }
      if ("video".equals(type)) {
        video += levels.getLength();
      } else if ("audio".equals(type)) {
        audio += levels.getLength();
      }
    }
    return new Result(video, audio, duration, fetched);
  }

  /** Start times from the {@code <c t d r>} list: t is optional after the first, r repeats d. */
  static List<Long> fragmentStarts(Element stream) {
    List<Long> starts = new ArrayList<>();
    long next = 0;
    NodeList chunks = stream.getElementsByTagName("c");
    for (int i = 0; i < chunks.getLength(); i++) {
      Element c = (Element) chunks.item(i);
      if (!c.getAttribute("t").isEmpty()) {
        next = Long.parseLong(c.getAttribute("t"));
      }
      long d = c.getAttribute("d").isEmpty() ? 0 : Long.parseLong(c.getAttribute("d"));
      int repeat = c.getAttribute("r").isEmpty() ? 1 : Integer.parseInt(c.getAttribute("r"));
      for (int r = 0; r < Math.max(1, repeat); r++) {
        starts.add(next);
        next += d;
      }
    }
    return starts;
  }

  private static byte[] get(String url) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static double number(String text, double fallback) {
    return text == null || text.isEmpty() ? fallback : Double.parseDouble(text);
  }
}
