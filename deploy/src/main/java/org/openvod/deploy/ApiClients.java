package org.openvod.deploy;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;

/** The AWS SDK's own MediaPackage VOD client, pointed at the platform's control API. */
public final class ApiClients {

  private ApiClients() {}

  public static MediaPackageVodClient mediaPackageVod(Settings settings) {
    return MediaPackageVodClient.builder()
        .endpointOverride(URI.create(settings.apiEndpoint()))
        .region(Region.of(settings.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
        .build();
  }
}
