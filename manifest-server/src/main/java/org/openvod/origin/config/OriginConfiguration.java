package org.openvod.origin.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.openvod.origin.auth.CdnAuthorizer;
import org.openvod.origin.auth.SecretStore;
import org.openvod.origin.egress.EgressLogWriter;
import org.openvod.origin.egress.EgressMetrics;
import org.openvod.origin.http.OriginHandler;
import org.openvod.origin.http.RequestRecorder;
import org.openvod.origin.routing.RoutingView;
import org.openvod.origin.routing.RoutingViewFollower;
import org.openvod.origin.storage.ObjectCache;
import org.openvod.origin.storage.S3ObjectStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Wires the origin: routing view, S3 access, cache, CDN authorization, logs and the handler. */
@Configuration(proxyBeanMethods = false)
public class OriginConfiguration {

  @Bean
  RoutingView routingView(ObjectCache cache) {
    RoutingView view = new RoutingView();
    view.addListener(cache);
    return view;
  }

  @Bean
  RoutingViewFollower routingViewFollower(
      RoutingView view,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      OriginProperties properties) {
    return new RoutingViewFollower(view, bootstrapServers, properties.topicPrefix());
  }

  @Bean(destroyMethod = "close")
  S3AsyncClient originS3Client(OriginProperties properties) {
    return S3AsyncClient.builder()
        .endpointOverride(URI.create(properties.s3().endpoint()))
        .region(Region.of(properties.region()))
        .forcePathStyle(true)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey())))
        .httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .maxConcurrency(properties.s3().maxConnections())
                .connectionTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30)))
        .build();
  }

  @Bean
  S3ObjectStore s3ObjectStore(
      S3AsyncClient originS3Client, OriginProperties properties, MeterRegistry registry) {
    long maxEntry = properties.cache().maxEntryBytes().toBytes();
    if (maxEntry >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("openvod.cache.max-entry-bytes must be below 2 GB");
    }
    return new S3ObjectStore(
        originS3Client,
        properties.outputBucket(),
        maxEntry,
        properties.cache().maxInflightBytes().toBytes(),
        registry);
  }

  @Bean
  ObjectCache objectCache(
      S3ObjectStore store, OriginProperties properties, MeterRegistry registry) {
    return new ObjectCache(store, properties.cache().maxBytes().toBytes(), registry);
  }

  @Bean(destroyMethod = "close")
  SecretStore secretStore(OriginProperties properties) {
    return new SecretStore(
        properties.secrets().filePath(),
        properties.secrets().json(),
        properties.secrets().refreshInterval().toMillis());
  }

  @Bean
  CdnAuthorizer cdnAuthorizer(SecretStore secrets) {
    return new CdnAuthorizer(secrets);
  }

  @Bean(destroyMethod = "close")
  EgressLogWriter egressLogWriter(OriginProperties properties) {
    return new EgressLogWriter(Path.of(properties.egressLogs().dir()));
  }

  @Bean
  RequestRecorder requestRecorder(MeterRegistry registry, EgressLogWriter logs) {
    return new RequestRecorder(new EgressMetrics(registry), logs);
  }

  @Bean
  OriginHandler originHandler(
      RoutingView view,
      RoutingViewFollower follower,
      CdnAuthorizer authorizer,
      ObjectCache cache,
      S3ObjectStore store,
      RequestRecorder recorder,
      OriginProperties properties) {
    return new OriginHandler(
        view,
        follower,
        authorizer,
        cache,
        store,
        recorder,
        properties.manifestMaxAge().toSeconds());
  }

  /**
   * Puts the playback handler in front of Spring's dispatcher on the same Netty server: playback
   * requests never pay for the WebFlux filter chain and handler mapping; everything else (actuator)
   * goes on to Spring as usual.
   */
  @Bean
  WebServerFactoryCustomizer<NettyReactiveWebServerFactory> playbackRoute(OriginHandler handler) {
    return factory ->
        factory.addRouteProviders(routes -> routes.route(OriginHandler::handles, handler));
  }

  /** DOWN until the routing view holds what the topics held at start. */
  @Bean
  HealthIndicator routingViewHealth(RoutingViewFollower follower) {
    return () ->
        follower.isLoaded()
            ? Health.up().build()
            : Health.down().withDetail("routingView", "loading from Kafka").build();
  }
}
