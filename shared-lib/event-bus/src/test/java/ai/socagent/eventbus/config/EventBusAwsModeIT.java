package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.DeadLetterOperations.DeadLetterMessage;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import ai.socagent.eventbus.aws.MotoBus;
import ai.socagent.eventbus.aws.SqsEventSubscriptions;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The aws mode as a service runs it: a Spring context with {@code soc.event-bus.mode=aws} and
 * spring-cloud-aws's {@code spring.cloud.aws.endpoint} pointing every AWS client at the emulator, whose bean subscribes a handler to its queue.
 * Events go EventPublisher bean -> EventBridge rule -> SQS -> spring-cloud-aws listener container ->
 * handler; dead letters are read back through the DeadLetterOperations bean. The test bootstraps the
 * bus, rules and queues from rules.json first (a fresh, suffixed set per test).
 */
class EventBusAwsModeIT {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static MotoBus.Clients clients;

    private MotoBus bus;

    @BeforeAll
    static void clients() {
        clients = MotoBus.clients();
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bus = MotoBus.bootstrap(clients, DEFINITION, "m");
    }

    @AfterEach
    void teardown() {
        if (bus != null) {
            bus.close();
        }
    }

    /**
     * A service in the aws mode: every AWS client from spring-cloud-aws (the SQS starter's, and the
     * bus's own through its configurer) on the one endpoint, region and credentials setting; fast
     * retries. Each context closes its own clients.
     */
    private ApplicationContextRunner service() {
        AwsCredentials credentials = clients.aws().credentials().resolveCredentials();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        RegionProviderAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        AwsAutoConfiguration.class,
                        SqsAutoConfiguration.class,
                        EventBusAwsClientsAutoConfiguration.class,
                        EventBusAutoConfiguration.class))
                .withPropertyValues(
                        "spring.cloud.aws.endpoint=" + clients.aws().endpoint(),
                        "spring.cloud.aws.region.static="
                                + clients.aws().region().id(),
                        "spring.cloud.aws.credentials.access-key=" + credentials.accessKeyId(),
                        "spring.cloud.aws.credentials.secret-key=" + credentials.secretAccessKey(),
                        "soc.event-bus.mode=aws",
                        "soc.event-bus.bus-name=" + bus.busName(),
                        "soc.event-bus.aws.queue-suffix=" + bus.suffix(),
                        "soc.event-bus.aws.wait-time-seconds=1",
                        "soc.event-bus.retry.initial=10ms",
                        "soc.event-bus.retry.max=50ms");
    }

    @Test
    void publish_threatClassificationComplete_reachesTheSubscribedHandlerOnceThroughEventBridgeAndSqs() {
        AtomicReference<SqsEventSubscriptions> subscriptions = new AtomicReference<>();
        service().withUserConfiguration(InvestigationService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EventPublisher.class)).isInstanceOf(EventBridgePublisher.class);
            assertThat(context.getBean(EventSubscriptions.class)).isInstanceOf(SqsEventSubscriptions.class);
            subscriptions.set(context.getBean(SqsEventSubscriptions.class));
            assertThat(subscriptions.get().isRunning()).isTrue();
            Recorder investigation = context.getBean(Recorder.class);
            DomainEvent classified = SampleEvents.all().get(1);
            assertThat(classified).isInstanceOf(ThreatClassificationComplete.class);
            TraceContext trace = TraceContext.newRoot();

            context.getBean(EventPublisher.class).publish(classified, trace);
            context.getBean(EventPublisher.class).publish(classified, trace);

            await().atMost(PATIENCE).until(() -> investigation.handled.size() == 1);
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> investigation.handled.size() == 1);
            InboundEvent handled = investigation.handled.getFirst();
            assertThat(handled).isInstanceOf(InboundEvent.PipelineEvent.class);
            assertThat(((InboundEvent.PipelineEvent) handled).event()).isEqualTo(classified);
            assertThat(((InboundEvent.PipelineEvent) handled).trace().traceId()).isEqualTo(trace.traceId());
            assertThat(investigation.threads).singleElement().asString().startsWith("sqs-investigation-");
            assertThat(context.getBean(DeadLetterOperations.class).list("investigation", 10))
                    .isEmpty();
        });
        // The closed context stopped the listener container.
        assertThat(subscriptions.get().isRunning()).isFalse();
    }

    @Test
    void publish_handlerAlwaysFails_endsInTheDeadLetterQueueAfterMaxReceiveCountWithNothingLost() {
        service().withUserConfiguration(FailingThreatIntelligenceService.class).run(context -> {
            FailingHandler threatIntelligence = context.getBean(FailingHandler.class);
            DomainEvent classified = SampleEvents.all().get(1);
            int maxReceiveCount =
                    DEFINITION.queue("threat-intelligence").orElseThrow().maxReceiveCount();

            context.getBean(EventPublisher.class).publish(classified, TraceContext.newRoot());

            DeadLetterOperations deadLetters = context.getBean(DeadLetterOperations.class);
            await().atMost(PATIENCE)
                    .until(() -> deadLetters.list("threat-intelligence", 10).size() == 1);
            DeadLetterMessage dead = deadLetters.list("threat-intelligence", 10).getFirst();
            assertThat(dead.reason())
                    .startsWith("HANDLER_FAILED after " + maxReceiveCount + " attempts")
                    .contains("intelligence feed down");
            assertThat(dead.queue()).isEqualTo("threat-intelligence");
            assertThat(threatIntelligence.calls).hasValue(maxReceiveCount);
            // Nothing lost: the dead letter is the event, intact, and it is the only copy.
            assertThat(EventCodec.create().decode(dead.eventJson()))
                    .isInstanceOfSatisfying(
                            InboundEvent.PipelineEvent.class,
                            event -> assertThat(event.event()).isEqualTo(classified));
            await().during(Duration.ofSeconds(2))
                    .atMost(PATIENCE)
                    .until(() -> threatIntelligence.calls.get() == maxReceiveCount);
        });
    }

    @Test
    void malformedAndUnknownMessages_goToTheDeadLetterQueueWithTheirReasonWithoutCallingTheHandler() {
        service().withUserConfiguration(InvestigationService.class).run(context -> {
            Recorder investigation = context.getBean(Recorder.class);
            String queueUrl = clients.sqs()
                    .getQueueUrl(b -> b.queueName("investigation" + bus.suffix()))
                    .queueUrl();
            String unknownDetailType = """
                    {"version":"0","id":"6f1f8b3c-2f4e-4c55-9d57-0c6a0e1f2a3b","detail-type":"Threat Exploded",\
                    "source":"ai-agent-service","account":"123456789012","time":"2026-11-26T10:15:30Z",\
                    "region":"us-east-1","resources":[],"detail":{"schemaVersion":1}}""";

            clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{not an event"));
            clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(unknownDetailType));

            DeadLetterOperations deadLetters = context.getBean(DeadLetterOperations.class);
            await().atMost(PATIENCE)
                    .until(() -> deadLetters.list("investigation", 10).size() == 2);
            assertThat(deadLetters.list("investigation", 10))
                    .extracting(DeadLetterMessage::reason)
                    .anySatisfy(reason -> assertThat(reason).startsWith("MALFORMED: not JSON"))
                    .anySatisfy(reason -> assertThat(reason)
                            .isEqualTo("UNKNOWN_DETAIL_TYPE: detail-type 'Threat Exploded' of ai-agent-service"));
            assertThat(deadLetters.list("investigation", 10))
                    .extracting(DeadLetterMessage::eventJson)
                    .containsExactlyInAnyOrder("{not an event", unknownDetailType);
            assertThat(investigation.handled).isEmpty();
        });
    }

    /** Records what its queue delivers, and on which thread. */
    static final class Recorder implements EventHandler {
        final List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void handle(InboundEvent event) {
            handled.add(event);
            threads.add(Thread.currentThread().getName());
        }
    }

    /** A handler whose dependency is down for good. */
    static final class FailingHandler implements EventHandler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void handle(InboundEvent event) {
            calls.incrementAndGet();
            throw new IllegalStateException("intelligence feed down");
        }
    }

    /** The investigation service's consuming side: subscribes its queue as the context starts. */
    @Configuration(proxyBeanMethods = false)
    static class InvestigationService {
        @Bean
        Recorder investigationHandler(EventSubscriptions subscriptions) {
            Recorder recorder = new Recorder();
            subscriptions.subscribe("investigation", recorder);
            return recorder;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingThreatIntelligenceService {
        @Bean
        FailingHandler threatIntelligenceHandler(EventSubscriptions subscriptions) {
            FailingHandler handler = new FailingHandler();
            subscriptions.subscribe("threat-intelligence", handler);
            return handler;
        }
    }
}
