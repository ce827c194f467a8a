package org.openvod.controlapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.Json;
import tools.jackson.databind.JsonNode;

/**
 * The AWS CLI (botocore: another signer, another URL encoding, another JSON parser) against the
 * API. Runs when an {@code aws} command is installed, and is skipped otherwise. (The CLI prints the
 * SDK's PascalCase member names, not the wire's camelCase.)
 */
class AwsCliTest extends ApiTestBase {

  private record Result(int exit, String out, String err) {}

  private Result aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws", "mediapackage-vod"));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--endpoint-url",
            "http://127.0.0.1:" + port,
            "--region",
            "us-east-1",
            "--output",
            "json"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment()
        .putAll(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                Vod.KEY,
                "AWS_SECRET_ACCESS_KEY",
                Vod.SECRET,
                "AWS_MAX_ATTEMPTS",
                "1",
                "AWS_PAGER",
                ""));
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private JsonNode ok(String... args) throws Exception {
    Result r = aws(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().isBlank() ? null : Json.MAPPER.readTree(r.out());
  }

  private static boolean cliInstalled() {
    try {
      return new ProcessBuilder("aws", "--version").start().waitFor(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void theAwsCliDrivesTheApi() throws Exception {
    assumeTrue(cliInstalled(), "aws CLI not installed");
    JsonNode group = ok("create-packaging-group", "--id", "cli_group", "--tags", "team=video");
    assertThat(group.get("Arn").stringValue()).isEqualTo(ARN_BASE + "packaging-groups/cli_group");
    ok(
        "create-packaging-configuration",
        "--id",
        "cli_hls",
        "--packaging-group-id",
        "cli_group",
        "--hls-package",
        "{\"HlsManifests\":[{\"ManifestName\":\"main\",\"AdMarkers\":\"NONE\"}],"
            + "\"SegmentDurationSeconds\":4}");
    for (int i = 0; i < 5; i++) {
      createAsset("cli-asset-" + i, "cli_group");
    }
    JsonNode asset = ok("describe-asset", "--id", "cli-asset-3");
    assertThat(asset.get("EgressEndpoints").get(0).get("Url").stringValue())
        .startsWith("http://origin.test:8081/out/v1/")
        .endsWith("/main.m3u8");
    // the CLI follows nextToken itself: pages of 2 must give all 5 assets once
    JsonNode listed = ok("list-assets", "--packaging-group-id", "cli_group", "--page-size", "2");
    List<String> ids = new ArrayList<>();
    listed.get("Assets").forEach(a -> ids.add(a.get("Id").stringValue()));
    assertThat(ids)
        .containsExactly("cli-asset-0", "cli-asset-1", "cli-asset-2", "cli-asset-3", "cli-asset-4");

    String arn = ARN_BASE + "assets/cli-asset-3";
    ok("tag-resource", "--resource-arn", arn, "--tags", "a=1,b=2");
    ok("untag-resource", "--resource-arn", arn, "--tag-keys", "a");
    JsonNode tags = ok("list-tags-for-resource", "--resource-arn", arn);
    assertThat(tags.get("Tags").propertyNames()).containsExactly("b");

    Result invalid =
        aws(
            "create-asset",
            "--id",
            "cli-bad",
            "--packaging-group-id",
            "cli_group",
            "--source-arn",
            "arn:aws:s3:::vod-sources/movie.mp4",
            "--source-role-arn",
            "arn:aws:iam::000000000000:role/r");
    assertThat(invalid.err()).contains("UnprocessableEntityException").contains("$.sourceArn");
  }
}
