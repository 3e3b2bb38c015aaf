package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import ai.socagent.eventbus.aws.SqsDeadLetterOperations;
import ai.socagent.eventbus.aws.SqsEventSubscriptions;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.inprocess.InProcessDeadLetterOperations;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.eventbus.routing.EventRouter;
import ai.socagent.eventbus.routing.RoutingDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class EventBusAutoConfigurationTest {

    @TempDir
    Path journals;

    private ApplicationContextRunner runner;

    @BeforeEach
    void runner() {
        // Each test's bus gets a journal directory of its own (the default, data/event-bus, is per process).
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventBusAutoConfiguration.class))
                .withPropertyValues("soc.event-bus.in-process.journal.directory=" + journals.resolve("bus"));
    }

    @Test
    void defaults_giveTheDurableInProcessBusOnTheBundledRules() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(InProcessEventBus.class);
            assertThat(context.getBean(EventPublisher.class)).isInstanceOf(InProcessEventBus.class);
            // The journal keeps the claims: no store of its own in the context.
            assertThat(context).doesNotHaveBean(IdempotencyStore.class);
            assertThat(journals.resolve("bus").resolve("journal").resolve("CURRENT"))
                    .exists();
            assertThat(context.getBean(InProcessEventBus.class).isRunning()).isTrue();
            assertThat(context.getBean(RoutingDefinition.class).bus().name()).isEqualTo("ai-agent-events");
            assertThat(context).hasSingleBean(EventRouter.class);
            assertThat(context.getBean(EventBusProperties.class).idempotencyTtl())
                    .isEqualTo(Duration.ofHours(24));
            assertThat(context.getBean(EventBusProperties.class).inProcess().journal())
                    .satisfies(journal -> assertThat(journal.enabled()).isTrue())
                    .satisfies(journal -> assertThat(journal.fsync()).isFalse());
        });
        assertThat(new EventBusProperties(null, null, null, null, null, null)
                        .inProcess()
                        .journal()
                        .directory())
                .isEqualTo(Path.of("data", "event-bus"));
    }

    @Test
    void inProcessBus_reportsEachQueuesWaitingAndRunningDeliveriesAndDeadLetters() {
        runner.withPropertyValues("soc.event-bus.in-process.queue-concurrency.dashboard=3")
                .run(context -> {
                    MeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean("inProcessEventBusMeters", MeterBinder.class)
                            .bindTo(registry);
                    InProcessEventBus bus = context.getBean(InProcessEventBus.class);

                    assertThat(registry.get("soc.event-bus.deliveries.waiting")
                                    .tag("queue", "threat-classifier-priority")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("soc.event-bus.deliveries.running")
                                    .tag("queue", "emergency-notifications")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("soc.event-bus.deliveries.waiting").gauges())
                            .hasSize(context.getBean(RoutingDefinition.class)
                                            .queues()
                                            .size()
                                    + 1);
                    assertThat(registry.get("soc.event-bus.dead-letters")
                                    .tag("queue", "threat-classifier")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("soc.event-bus.dead-letters").gauges())
                            .hasSize(context.getBean(RoutingDefinition.class)
                                    .queues()
                                    .size());
                    assertThat(bus.concurrency("dashboard")).isEqualTo(3);
                    assertThat(bus.concurrency("threat-classifier"))
                            .isEqualTo(InProcessEventBus.Options.DEFAULT_CONCURRENCY);
                });
    }

    @Test
    void journalDisabled_givesTheBusInMemoryWithInMemoryClaims() {
        runner.withPropertyValues("soc.event-bus.in-process.journal.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(InProcessEventBus.class);
                    assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(InMemoryIdempotencyStore.class);
                    assertThat(journals.resolve("bus")).doesNotExist();
                });
    }

    @Test
    void journal_keptByOneBusAtATime_aSecondContextOnTheSameDirectoryFailsToStart() {
        runner.run(first -> runner.run(second -> {
            assertThat(first).hasNotFailed();
            assertThat(second).hasFailed();
            assertThat(second.getStartupFailure()).hasStackTraceContaining("cannot open the event bus journal");
        }));
    }

    @Test
    void defaults_subscriptionsDeliverThroughTheInProcessBusAndDeadLettersAreInspectable() {
        runner.run(context -> {
            List<InboundEvent> handled = new CopyOnWriteArrayList<>();
            context.getBean(EventSubscriptions.class).subscribe("investigation", handled::add);
            DomainEvent classified = SampleEvents.all().get(1);

            context.getBean(EventPublisher.class).publish(classified, TraceContext.newRoot());

            await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
            assertThat(context.getBean(DeadLetterOperations.class)).isInstanceOf(InProcessDeadLetterOperations.class);
            assertThat(context.getBean(DeadLetterOperations.class).list("investigation", 10))
                    .isEmpty();
        });
    }

    @Test
    void awsMode_withSqsClients_givesSqsSubscriptionsAndDeadLetterOperations() {
        runner.withPropertyValues(
                        "soc.event-bus.mode=aws",
                        "soc.event-bus.aws.queue-suffix=-dev",
                        "soc.event-bus.aws.priority-concurrency=32")
                .withBean(
                        SqsClient.class,
                        () -> SqsClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .endpointOverride(URI.create("http://127.0.0.1:1"))
                                .build())
                .withBean(
                        SqsAsyncClient.class,
                        () -> SqsAsyncClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .endpointOverride(URI.create("http://127.0.0.1:1"))
                                .build())
                .run(context -> {
                    assertThat(context.getBean(EventSubscriptions.class)).isInstanceOf(SqsEventSubscriptions.class);
                    assertThat(context.getBean(DeadLetterOperations.class)).isInstanceOf(SqsDeadLetterOperations.class);
                    assertThat(context.getBean(EventBusProperties.class).aws())
                            .satisfies(aws -> assertThat(aws.queueSuffix()).isEqualTo("-dev"))
                            .satisfies(aws -> assertThat(aws.concurrency()).isEqualTo(4))
                            .satisfies(
                                    aws -> assertThat(aws.priorityConcurrency()).isEqualTo(32));
                });
    }

    @Test
    void ownIdempotencyStore_isUsedAndTheDefaultBacksOff() {
        IdempotencyStore own = InMemoryIdempotencyStore.create();
        runner.withBean(IdempotencyStore.class, () -> own).run(context -> {
            assertThat(context.getBean(IdempotencyStore.class)).isSameAs(own);
            assertThat(context).hasSingleBean(InProcessEventBus.class);
        });
    }

    @Test
    void awsMode_withClients_givesEventBridgePublisherAndDynamoDbIdempotency() {
        runner.withPropertyValues(
                        "soc.event-bus.mode=aws",
                        "soc.event-bus.bus-name=dev-ai-agent-events",
                        "soc.event-bus.aws.idempotency-table=dev-event-claims")
                .withBean(
                        EventBridgeClient.class,
                        () -> EventBridgeClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .endpointOverride(URI.create("http://127.0.0.1:1"))
                                .build())
                .withBean(
                        DynamoDbClient.class,
                        () -> DynamoDbClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .endpointOverride(URI.create("http://127.0.0.1:1"))
                                .build())
                .run(context -> {
                    assertThat(context).doesNotHaveBean(InProcessEventBus.class);
                    assertThat(context.getBean(EventPublisher.class)).isInstanceOf(EventBridgePublisher.class);
                    assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(DynamoDbIdempotencyStore.class);
                });
    }

    @Test
    void awsMode_withoutIdempotencyTable_remembersIdsInMemory() {
        runner.withPropertyValues("soc.event-bus.mode=aws").run(context -> {
            assertThat(context).doesNotHaveBean(EventPublisher.class);
            assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(InMemoryIdempotencyStore.class);
        });
    }

    @Test
    void invalidSettings_failTheStartup() {
        runner.withPropertyValues("soc.event-bus.in-process.concurrency=-1", "soc.event-bus.retry.multiplier=0.5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("inProcess.concurrency")
                            .hasMessageContaining("retry.multiplier");
                });
    }
}
