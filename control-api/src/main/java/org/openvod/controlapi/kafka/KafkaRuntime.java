package org.openvod.controlapi.kafka;

import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.openvod.controlapi.command.PendingRequests;
import org.openvod.controlapi.decide.Decider;
import org.openvod.controlapi.state.ResourceView;
import org.openvod.events.TopicProvisioner;

/**
 * Everything of this instance that talks to Kafka, started in dependency order: topics exist, the
 * view is rebuilt, the outcome listener is at the end of the commands topic, then the decider and
 * the notification forwarder run. Closing stops them in reverse.
 */
public final class KafkaRuntime implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final ResourceViewUpdater viewUpdater;
  private final OutcomeListener outcomeListener;
  private final DeciderLoop decider;
  private final NotificationForwarder forwarder;

  public KafkaRuntime(
      KafkaClients clients,
      short replication,
      ResourceView view,
      PendingRequests pending,
      Decider deciderLogic) {
    TopicProvisioner.ensureTopics(clients.bootstrapServers(), clients.prefix(), replication);
    producer = clients.producer();
    viewUpdater = new ResourceViewUpdater(clients, view);
    viewUpdater.catchUpAndStart(Duration.ofSeconds(120));
    outcomeListener = new OutcomeListener(clients, pending);
    outcomeListener.start();
    decider = new DeciderLoop(clients, deciderLogic);
    decider.start();
    forwarder = new NotificationForwarder(clients, producer);
    forwarder.start();
  }

  public KafkaProducer<String, String> producer() {
    return producer;
  }

  public boolean isDecider() {
    return decider.isOwner();
  }

  @Override
  public void close() {
    forwarder.close();
    decider.close();
    outcomeListener.close();
    viewUpdater.close();
    producer.close(Duration.ofSeconds(5));
  }
}
