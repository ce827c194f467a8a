package org.openvod.controlapi.command;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.api.ApiException;
import org.openvod.controlapi.command.LogEntry.Outcome;
import org.openvod.controlapi.state.ResourceView;
import org.openvod.events.Json;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Submits a command to the commands topic and answers with its outcome once this instance's view
 * shows the command's writes. Errors decided by the decider come back as {@link ApiException}.
 */
public final class CommandBus {

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final PendingRequests pending;
  private final ResourceView view;
  private final Duration timeout;

  public CommandBus(
      KafkaProducer<String, String> producer,
      String topic,
      PendingRequests pending,
      ResourceView view,
      Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.pending = pending;
    this.view = view;
    this.timeout = timeout;
  }

  /** The accepted outcome of the command, or an error signal with the decided ApiException. */
  public Mono<Outcome> submit(Command command) {
    return Mono.defer(
        () -> {
          String requestId = UUID.randomUUID().toString();
          var future = pending.register(requestId);
          String value = Json.writeString(new LogEntry.Submitted(requestId, command));
          producer.send(
              new ProducerRecord<>(topic, requestId, value),
              (metadata, error) -> {
                if (error != null) {
                  future.completeExceptionally(
                      ApiException.unavailable("cannot write the command: " + error.getMessage()));
                }
              });
          return Mono.fromFuture(future)
              .timeout(timeout, Mono.error(() -> notDecided()))
              .doFinally(signal -> pending.forget(requestId))
              .flatMap(this::visible)
              .publishOn(Schedulers.parallel());
        });
  }

  private Mono<Outcome> visible(Outcome outcome) {
    if (outcome.errorType() != null) {
      return Mono.error(new ApiException(ApiError.valueOf(outcome.errorType()), outcome.message()));
    }
    if (outcome.resourcesOffset() < 0) {
      return Mono.just(outcome);
    }
    return Mono.fromFuture(view.awaitPosition(outcome.resourcesOffset()))
        .timeout(timeout, Mono.error(() -> notDecided()))
        .thenReturn(outcome);
  }

  private ApiException notDecided() {
    return ApiException.unavailable(
        "the write was not decided within " + timeout.toSeconds() + " s; retry later");
  }
}
