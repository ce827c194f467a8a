package org.openvod.controlapi;

import java.time.Clock;
import org.openvod.controlapi.api.ApiHandler;
import org.openvod.controlapi.api.ApiRouter;
import org.openvod.controlapi.api.Operations;
import org.openvod.controlapi.auth.SigV4Verifier;
import org.openvod.controlapi.command.CommandBus;
import org.openvod.controlapi.command.PendingRequests;
import org.openvod.controlapi.decide.Decider;
import org.openvod.controlapi.kafka.KafkaClients;
import org.openvod.controlapi.kafka.KafkaRuntime;
import org.openvod.controlapi.state.Arns;
import org.openvod.controlapi.state.ResourceView;
import org.openvod.controlapi.validation.RequestParser;
import org.openvod.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the API: HTTP edge, validation, command bus, Kafka runtime. */
@Configuration(proxyBeanMethods = false)
public class ControlApiConfiguration {

  @Bean
  Arns arns(VodProperties props) {
    return new Arns(props.region(), props.account());
  }

  @Bean
  KafkaClients kafkaClients(
      @Value("${spring.kafka.bootstrap-servers}") String bootstrap, VodProperties props) {
    return new KafkaClients(bootstrap, props.topicPrefixOrEmpty());
  }

  @Bean
  ResourceView resourceView() {
    return new ResourceView();
  }

  @Bean
  PendingRequests pendingRequests() {
    return new PendingRequests();
  }

  @Bean(destroyMethod = "close")
  KafkaRuntime kafkaRuntime(
      KafkaClients clients, VodProperties props, ResourceView view, PendingRequests pending) {
    return new KafkaRuntime(
        clients, props.topicReplication(), view, pending, new Decider(props.quotas()));
  }

  @Bean
  CommandBus commandBus(
      KafkaRuntime runtime,
      KafkaClients clients,
      PendingRequests pending,
      ResourceView view,
      VodProperties props) {
    return new CommandBus(
        runtime.producer(),
        clients.topic(Topics.COMMANDS),
        pending,
        view,
        props.api().writeTimeout());
  }

  @Bean
  ApiHandler apiHandler(VodProperties props, Arns arns, ResourceView view, CommandBus bus) {
    SigV4Verifier verifier =
        new SigV4Verifier(
            props.accessKeyId(),
            props.secretAccessKey(),
            props.api().clockSkew(),
            Clock.systemUTC());
    RequestParser parser = new RequestParser(arns, props.publicBaseUrl(), Clock.systemUTC());
    Operations ops = new Operations(view, bus, parser, props.api().defaultPageSize());
    return new ApiHandler(verifier, new ApiRouter(ops), props.api().maxBodyBytes());
  }

  /**
   * Netty event loops of this application context rather than the JVM-global ones, so stopping one
   * context (an in-process restart, or several instances in one JVM) never stops another's server.
   */
  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }

  /** Every path except the actuator's is an API call (unknown ones answer 404 in AWS style). */
  @Bean
  RouterFunction<ServerResponse> apiRoutes(ApiHandler handler) {
    RequestPredicate notActuator = request -> !request.path().startsWith("/actuator");
    return RouterFunctions.route(notActuator, handler::handle);
  }
}
