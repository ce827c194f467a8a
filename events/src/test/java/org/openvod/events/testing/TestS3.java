package org.openvod.events.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 server for tests: S3Proxy over HTTP with SigV4 on a free port, backed by a temporary
 * directory. One per JVM; tests use buckets of their own.
 */
public final class TestS3 {

  public static final String ACCESS_KEY = "vod-local";
  public static final String SECRET_KEY = "vod-local-secret";

  private static URI endpoint;

  private TestS3() {}

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
    }
    return endpoint;
  }

  private static URI start() {
    try {
      Path dir = Files.createTempDirectory("test-s3");
      Properties p = new Properties();
      p.setProperty("jclouds.identity", ACCESS_KEY);
      p.setProperty("jclouds.credential", SECRET_KEY);
      p.setProperty("jclouds.filesystem.basedir", dir.toString());
      var store = org.gaul.s3proxy.BlobStores.create("filesystem", p);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(store)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(5);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      proxy.stop();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  }));
      return URI.create("http://127.0.0.1:" + proxy.getPort());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  public static S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** Creates the bucket if it does not exist yet. */
  public static void createBucket(String bucket) {
    try (S3Client s3 = client()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
  }
}
