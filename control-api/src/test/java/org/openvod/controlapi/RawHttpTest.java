package org.openvod.controlapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.Json;
import tools.jackson.databind.JsonNode;

/** What clients other than the SDK can send: broken bodies get a 422 in AWS's error format. */
class RawHttpTest extends ApiTestBase {

  private HttpResponse<String> post(String path, String contentType, byte[] body) {
    return Vod.raw(port, "POST", path, contentType, body);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertError(HttpResponse<String> r, int status, String type, String text) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("__type").stringValue()).isEqualTo(type);
    assertThat(body.get("message").stringValue()).contains(text);
  }

  @Test
  void malformedJsonIs422() {
    assertError(
        post("/packaging_groups", "application/json", utf8("{\"id\": ")),
        422,
        "UnprocessableEntityException",
        "not valid JSON");
    assertError(
        post("/packaging_groups", "application/json", utf8("[1,2]")),
        422,
        "UnprocessableEntityException",
        "must be a JSON object");
    assertError(
        post("/packaging_groups", "application/json", utf8("{\"id\": 12}")),
        422,
        "UnprocessableEntityException",
        "$.id must be a string");
    assertError(
        post(
            "/packaging_configurations",
            "application/json",
            utf8(
                "{\"id\":\"c\",\"packagingGroupId\":\"g\",\"hlsPackage\":{\"hlsManifests\":[7]}}")),
        422,
        "UnprocessableEntityException",
        "$.hlsPackage.hlsManifests[0] must be a JSON object");
  }

  @Test
  void wrongContentTypeIs422() {
    assertError(
        post("/packaging_groups", "text/plain", utf8("{\"id\":\"ct\"}")),
        422,
        "UnprocessableEntityException",
        "Content-Type must be application/json");
    assertError(
        post("/packaging_groups", "not a media type", utf8("{\"id\":\"ct\"}")),
        422,
        "UnprocessableEntityException",
        "Content-Type");
  }

  @Test
  void oversizedBodyIs422() {
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    assertError(
        post("/packaging_groups", "application/json", body),
        422,
        "UnprocessableEntityException",
        "at most 1048576 are accepted");
  }

  @Test
  void unknownFieldsAreIgnored() {
    HttpResponse<String> r =
        post(
            "/packaging_groups",
            "application/json",
            utf8("{\"id\":\"pg_unknown\",\"colour\":\"blue\",\"nested\":{\"a\":[1]}}"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"pg_unknown\"").doesNotContain("colour");
    assertThat(Vod.raw(port, "DELETE", "/packaging_groups/pg_unknown", null, null).statusCode())
        .isEqualTo(202);
  }

  @Test
  void responsesCarryExactlyTheModelsMembers() {
    HttpResponse<String> group =
        post("/packaging_groups", "application/json", utf8("{\"id\":\"pg_shape\"}"));
    assertThat(Json.MAPPER.readTree(group.body()).propertyNames())
        .containsExactlyInAnyOrder("arn", "createdAt", "domainName", "id", "tags");
    HttpResponse<String> described = Vod.raw(port, "GET", "/packaging_groups/pg_shape", null, null);
    assertThat(Json.MAPPER.readTree(described.body()).get("approximateAssetCount").intValue())
        .isZero();
    HttpResponse<String> config =
        post(
            "/packaging_configurations",
            "application/json",
            utf8(
                "{\"id\":\"cfg_shape\",\"packagingGroupId\":\"pg_shape\","
                    + "\"dashPackage\":{\"dashManifests\":[{\"manifestName\":\"m\"}]}}"));
    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(config.body()).propertyNames())
        .containsExactlyInAnyOrder(
            "arn", "createdAt", "dashPackage", "id", "packagingGroupId", "tags");
    HttpResponse<String> asset =
        post(
            "/assets",
            "application/json",
            utf8(
                "{\"id\":\"shape\",\"packagingGroupId\":\"pg_shape\","
                    + "\"sourceArn\":\"arn:aws:s3:::vod-sources/k.smil\","
                    + "\"sourceRoleArn\":\"arn:aws:iam::000000000000:role/r\"}"));
    JsonNode assetJson = Json.MAPPER.readTree(asset.body());
    assertThat(assetJson.propertyNames())
        .containsExactlyInAnyOrder(
            "arn",
            "createdAt",
            "egressEndpoints",
            "id",
            "packagingGroupId",
            "sourceArn",
            "sourceRoleArn",
            "tags");
    assertThat(assetJson.get("egressEndpoints").get(0).propertyNames())
        .containsExactlyInAnyOrder("packagingConfigurationId", "status", "url");
    assertThat(assetJson.get("egressEndpoints").get(0).get("url").stringValue())
        .matches("http://origin.test:8081/out/v1/[0-9a-f]{32}/[0-9a-f]{32}/[0-9a-f]{32}/m\\.mpd");
    assertThat(Vod.raw(port, "DELETE", "/assets/shape", null, null).body()).isEqualTo("{}");
  }

  @Test
  void unknownPathsAndArns() {
    assertError(
        Vod.raw(port, "GET", "/channels", null, null), 404, "NotFoundException", "no operation");
    assertError(
        Vod.raw(port, "GET", "/tags/not-an-arn", null, null),
        422,
        "UnprocessableEntityException",
        "resource-arn");
  }
}
