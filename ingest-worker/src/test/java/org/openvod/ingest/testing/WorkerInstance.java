package org.openvod.ingest.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import org.openvod.ingest.IngestWorkerApplication;
import org.openvod.ingest.consumer.LifecycleConsumer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One real worker (the Spring Boot application) against the shared test Kafka and S3. */
public final class WorkerInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private WorkerInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts a worker on a random port with the given topic prefix, source bucket and output bucket;
   * {@code extra} overrides or adds properties.
   */
  public static WorkerInstance start(
      String prefix, String sourceBucket, String outputBucket, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", "0");
    p.put("server.shutdown", "immediate");
    p.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    p.put("openvod.topic-prefix", prefix);
    p.put("openvod.s3.endpoint", TestS3.endpoint().toString());
    p.put("openvod.access-key-id", TestS3.ACCESS_KEY);
    p.put("openvod.secret-access-key", TestS3.SECRET_KEY);
    p.put("openvod.output-bucket", outputBucket);
    p.put("openvod.sources.buckets", sourceBucket);
    p.put("openvod.jobs.initial-backoff", "100ms");
    p.put("openvod.jobs.max-backoff", "1s");
    p.putAll(extra);
    // as command-line arguments: they outrank application.yml (builder properties would not)
    List<String> args = new ArrayList<>();
    args.add("--spring.main.banner-mode=off");
    p.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new WorkerInstance(
        new SpringApplicationBuilder(IngestWorkerApplication.class)
            .run(args.toArray(String[]::new)));
  }

  public LifecycleConsumer consumer() {
    return context.getBean(LifecycleConsumer.class);
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** GET of a path on the worker's HTTP port; the body. */
  public String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** Waits until the worker owns at least one partition. */
  public WorkerInstance awaitAssignment() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (consumer().assignment().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (consumer().assignment().isEmpty()) {
      throw new IllegalStateException("the worker got no partition in 30 s");
    }
    return this;
  }

  @Override
  public void close() {
    context.close();
  }
}
