package ai.socagent.eventbus.config;

import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import ai.socagent.eventbus.aws.SqsDeadLetterOperations;
import ai.socagent.eventbus.aws.SqsEventSubscriptions;
import ai.socagent.eventbus.aws.SqsQueueUrls;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.inprocess.InProcessDeadLetterOperations;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.eventbus.routing.EventRouter;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the event bus from the bundled routing definition: the in-process bus by default (it is the
 * {@link EventPublisher}; durable, its journal in {@code soc.event-bus.in-process.journal.directory},
 * started by {@link InProcessEventBusLifecycle}), or with {@code soc.event-bus.mode=aws} an {@link EventBridgePublisher} on
 * the service's {@link EventBridgeClient} bean (from the spring-cloud-aws starter, say) and, when
 * {@code soc.event-bus.aws.idempotency-table} is set, a {@link DynamoDbIdempotencyStore}. Both modes
 * give {@link EventSubscriptions} (services subscribe their queue through it) and {@link
 * DeadLetterOperations} (the DLQ inspector); the aws mode needs an {@link SqsClient} bean for them and
 * finds queues by {@code <logical name><soc.event-bus.aws.queue-suffix>} unless {@code
 * soc.event-bus.aws.queue-urls.<name>} gives the URL. Its subscriptions consume with spring-cloud-aws
 * listener containers on the {@link SqsAsyncClient} bean (the spring-cloud-aws SQS starter's). The
 * clients come from {@code spring.cloud.aws.*} ({@link EventBusAwsClientsAutoConfiguration}). Every
 * bean backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusAutoConfiguration {

    private static final String PREFIX = "soc.event-bus";

    @Bean
    @ConditionalOnMissingBean
    RoutingDefinition routingDefinition() {
        return RoutingDefinitions.bundled();
    }

    @Bean
    @ConditionalOnMissingBean
    EventRouter eventRouter(RoutingDefinition definition) {
        return EventRouter.create(definition);
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return EventCodec.create();
    }

    /**
     * Producer and consumer spans of the events, for consumers that trace their handler calls with
     * {@link ai.socagent.eventbus.EventMdc#handle(EventTracing, String, String,
     * ai.socagent.eventbus.EventHandler, ai.socagent.eventbus.InboundEvent)}.
     */
    @Bean
    @ConditionalOnMissingBean
    EventTracing eventTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
        return EventTracing.create(openTelemetry(openTelemetry));
    }

    /**
     * The application's {@link OpenTelemetry} bean, else {@code GlobalOpenTelemetry} (looked up per
     * span: no-op unless an SDK or the Java agent registered one).
     */
    static OpenTelemetry openTelemetry(ObjectProvider<OpenTelemetry> openTelemetry) {
        return openTelemetry.getIfAvailable(EventTracing::globalOpenTelemetry);
    }

    static RetryPolicy retryPolicy(EventBusProperties properties) {
        EventBusProperties.Retry retry = properties.retry();
        return new RetryPolicy(retry.initial(), retry.multiplier(), retry.max());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "in-process", matchIfMissing = true)
    static class InProcessConfiguration {

        /** Claims in memory when the bus has no journal; with one, the journal keeps them. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX, name = "in-process.journal.enabled", havingValue = "false")
        IdempotencyStore idempotencyStore() {
            return InMemoryIdempotencyStore.create();
        }

        /**
         * The bus: durable (journal in {@code soc.event-bus.in-process.journal.directory}) unless {@code
         * soc.event-bus.in-process.journal.enabled=false}. It is started by {@link
         * InProcessEventBusLifecycle} once the services subscribed, and closed with the context.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(EventPublisher.class)
        InProcessEventBus inProcessEventBus(
                RoutingDefinition definition,
                EventCodec codec,
                ObjectProvider<IdempotencyStore> idempotency,
                EventBusProperties properties,
                ObjectProvider<OpenTelemetry> openTelemetry) {
            EventBusProperties.InProcess inProcess = properties.inProcess();
            InProcessEventBus.Options options = new InProcessEventBus.Options(
                    inProcess.concurrency(),
                    inProcess.priorityConcurrency(),
                    inProcess.capacity(),
                    retryPolicy(properties),
                    properties.idempotencyTtl(),
                    inProcess.queueConcurrency());
            EventBusProperties.Journal journal = inProcess.journal();
            if (!journal.enabled()) {
                return InProcessEventBus.create(
                        definition,
                        codec,
                        idempotency.getIfAvailable(InMemoryIdempotencyStore::create),
                        options,
                        openTelemetry(openTelemetry));
            }
            // An application's own IdempotencyStore takes the claims; by default the journal keeps them.
            return InProcessEventBus.durable(
                    definition,
                    codec,
                    new InProcessEventBus.Journal(journal.directory(), journal.fsync()),
                    idempotency.getIfAvailable(),
                    options,
                    openTelemetry(openTelemetry));
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(InProcessEventBus.class)
        InProcessEventBusLifecycle inProcessEventBusLifecycle(InProcessEventBus bus) {
            return new InProcessEventBusLifecycle(bus);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(InProcessEventBus.class)
        EventSubscriptions inProcessEventSubscriptions(InProcessEventBus bus) {
            return bus::subscribe;
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(InProcessEventBus.class)
        DeadLetterOperations inProcessDeadLetterOperations(InProcessEventBus bus) {
            return InProcessDeadLetterOperations.create(bus);
        }

        /** Where work waits: per queue and topic, deliveries in line and running; per queue its dead letters. */
        @Bean
        @ConditionalOnClass(MeterBinder.class)
        @ConditionalOnBean(InProcessEventBus.class)
        MeterBinder inProcessEventBusMeters(InProcessEventBus bus, RoutingDefinition definition) {
            return registry -> {
                List<String> targets = new ArrayList<>();
                definition.queues().forEach(queue -> targets.add(queue.name()));
                definition.topics().forEach(topic -> targets.add(topic.name()));
                for (String target : targets) {
                    Gauge.builder("soc.event-bus.deliveries.waiting", bus, b -> b.waitingCount(target))
                            .tag("queue", target)
                            .description("Deliveries waiting in line for one of the queue's places")
                            .register(registry);
                    Gauge.builder("soc.event-bus.deliveries.running", bus, b -> b.runningCount(target))
                            .tag("queue", target)
                            .description("Deliveries of the queue running now")
                            .register(registry);
                }
                definition
                        .queues()
                        .forEach(queue -> Gauge.builder(
                                        "soc.event-bus.dead-letters",
                                        bus,
                                        b -> b.deadLetters(queue.name()).size())
                                .tag("queue", queue.name())
                                .description("Dead letters of the queue, waiting for a redrive")
                                .register(registry));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "aws")
    static class AwsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(EventBridgeClient.class)
        EventPublisher eventBridgePublisher(
                EventBridgeClient client,
                EventCodec codec,
                EventBusProperties properties,
                ObjectProvider<OpenTelemetry> openTelemetry) {
            return EventBridgePublisher.create(client, properties.busName(), codec, openTelemetry(openTelemetry));
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX, name = "aws.idempotency-table")
        @ConditionalOnBean(DynamoDbClient.class)
        IdempotencyStore dynamoDbIdempotencyStore(DynamoDbClient dynamo, EventBusProperties properties) {
            return DynamoDbIdempotencyStore.create(dynamo, properties.aws().idempotencyTable());
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotencyStore inMemoryIdempotencyStore() {
            return InMemoryIdempotencyStore.create();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(SqsClient.class)
        SqsQueueUrls sqsQueueUrls(SqsClient sqs, EventBusProperties properties) {
            return new SqsQueueUrls(
                    sqs, properties.aws().queueSuffix(), properties.aws().queueUrls());
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnBean(SqsClient.class)
        SqsEventSubscriptions sqsEventSubscriptions(
                SqsAsyncClient sqsAsync,
                RoutingDefinition definition,
                SqsQueueUrls queueUrls,
                EventCodec codec,
                IdempotencyStore idempotency,
                EventBusProperties properties,
                EventTracing tracing) {
            EventBusProperties.Aws aws = properties.aws();
            SqsEventSubscriptions.Settings settings = new SqsEventSubscriptions.Settings(
                    aws.concurrency(),
                    aws.priorityConcurrency(),
                    retryPolicy(properties),
                    properties.idempotencyTtl(),
                    aws.waitTimeSeconds(),
                    aws.queueConcurrency());
            // The listener containers run on the spring-cloud-aws SQS starter's SqsAsyncClient.
            return SqsEventSubscriptions.create(sqsAsync, definition, queueUrls, codec, idempotency, settings, tracing);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(SqsClient.class)
        DeadLetterOperations sqsDeadLetterOperations(
                SqsClient sqs, RoutingDefinition definition, SqsQueueUrls queueUrls) {
            return SqsDeadLetterOperations.create(sqs, definition, queueUrls);
        }
    }
}
