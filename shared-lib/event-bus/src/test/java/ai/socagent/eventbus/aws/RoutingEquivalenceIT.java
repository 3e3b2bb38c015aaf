package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.EventRouter;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing of the emulator (moto's EventBridge, bootstrapped from rules.json) and of the in-process
 * bus (event-ruler over the same file) agree on a set of sample events: every pipeline detail-type,
 * raw GuardDuty and Security Hub events, and events no rule matches.
 */
class RoutingEquivalenceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final EventCodec CODEC = EventCodec.create();
    private static final String PROBE = "emergency-notifications";

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static LocalBusBootstrapper bootstrapper;
    private static BootstrappedBus bus;
    private static String probeQueueUrl;

    @BeforeAll
    static void bootstrap() {
        AwsEndpoint aws = TestBackends.aws();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
        sns = aws.configure(SnsClient.builder()).build();
        bootstrapper = LocalBusBootstrapper.create(events, sqs, sns);
        if (TestBackends.mode() == BackendMode.PROCESS) {
            // moto cannot deliver from EventBridge to SNS (see LocalBusBootstrapper#withTopicTargetsAsQueues).
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        bus = bootstrapper.bootstrap(
                DEFINITION, "-" + TestBackends.uniqueName("t").substring(2));
        if (bus.queueUrls().containsKey(PROBE)) {
            probeQueueUrl = bus.queueUrl(PROBE);
            return;
        }
        // What the SNS topic publishes, observed through an SQS subscription with raw delivery.
        probeQueueUrl =
                sqs.createQueue(b -> b.queueName("probe" + bus.suffix())).queueUrl();
        String probeArn = sqs.getQueueAttributes(
                        b -> b.queueUrl(probeQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(bus.topicArns().get(PROBE))
                .protocol("sqs")
                .endpoint(probeArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    @AfterAll
    static void teardown() {
        if (bus != null) {
            bootstrapper.teardown(DEFINITION, bus);
            if (!bus.queueUrls().containsKey(PROBE)) {
                sqs.deleteQueue(b -> b.queueUrl(probeQueueUrl));
            }
        }
        if (events != null) {
            events.close();
            sqs.close();
            sns.close();
        }
    }

    @Test
    void sampleEvents_routedByEmulatorAndByEventRuler_reachTheSameQueues() {
        EventRouter router = EventRouter.create(DEFINITION);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        List<DomainEvent> pipeline = new java.util.ArrayList<>(SampleEvents.all());
        pipeline.add(SampleEvents.criticalThreatSubmitted());
        for (DomainEvent event : pipeline) {
            String delivered = CODEC.toEventBridgeEvent(CODEC.encode(event, TraceContext.newRoot()), "x", "1", "r");
            expected.put(event.eventId(), router.targets(delivered));
        }
        Map<String, PutEventsRequestEntry> raw = new LinkedHashMap<>();
        raw.put("guardduty", raw("default", "aws.guardduty", "GuardDuty Finding", "guardduty", 5.0));
        raw.put("guardduty-critical", raw("default", "aws.guardduty", "GuardDuty Finding", "guardduty-critical", 9.5));
        raw.put(
                "guardduty-no-severity",
                PutEventsRequestEntry.builder()
                        .eventBusName("default")
                        .source("aws.guardduty")
                        .detailType("GuardDuty Finding")
                        .detail("{\"sampleId\":\"guardduty-no-severity" + bus.suffix() + "\"}")
                        .build());
        raw.put("securityhub", raw("default", "aws.securityhub", "Security Hub Findings - Imported", "securityhub"));
        raw.put(
                "guardduty-other",
                raw("default", "aws.guardduty", "GuardDuty Malware Protection Scan", "guardduty-other"));
        raw.put(
                "securityhub-custom",
                raw("default", "aws.securityhub", "Security Hub Findings - Custom Action", "securityhub-custom"));
        raw.put("stranger", raw(bus.busName(), "someone-else", "Threat Submitted", "stranger"));
        raw.put("unknown-type", raw(bus.busName(), "ai-agent-service", "Threat Forgotten", "unknown-type"));
        raw.forEach((key, entry) -> expected.put(key, router.targets(asDelivered(entry))));

        EventBridgePublisher.create(events, bus.busName(), CODEC).publish(pipeline, TraceContext.newRoot());
        assertThat(events.putEvents(b -> b.entries(raw.values())).failedEntryCount())
                .isZero();

        Map<String, Set<String>> observed = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    drainInto(observed);
                    assertThat(observedFor(expected.keySet(), observed)).isEqualTo(expected);
                });
        // Nothing more arrives afterwards, and nothing was dead-lettered.
        drainInto(observed);
        assertThat(observedFor(expected.keySet(), observed)).isEqualTo(expected);
        assertThat(expected.get("guardduty")).containsExactly("threat-classifier");
        assertThat(expected.get("guardduty-critical")).containsExactly("threat-classifier-priority");
        assertThat(expected.get("guardduty-no-severity")).containsExactly("threat-classifier");
        assertThat(expected.get(pipeline.getLast().eventId())).containsExactly("threat-classifier-priority");
        assertThat(expected.get("stranger")).isEmpty();
        for (QueueDefinition queue : DEFINITION.queues()) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(bus.queueUrl(queue.deadLetterQueue())))
                            .messages())
                    .as(queue.deadLetterQueue())
                    .isEmpty();
        }
    }

    @Test
    void bootstrap_runTwice_keepsTheSameResourcesAndRedrivePolicies() {
        BootstrappedBus again = bootstrapper.bootstrap(DEFINITION, bus.suffix());

        assertThat(again).isEqualTo(bus);
        for (QueueDefinition queue : DEFINITION.queues()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                            b -> b.queueUrl(bus.queueUrl(queue.name())).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            assertThat(redrive.get("deadLetterTargetArn").asString())
                    .isEqualTo(bus.queueArns().get(queue.deadLetterQueue()));
            assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(queue.maxReceiveCount());
            assertThat(attributes.get(QueueAttributeName.POLICY)).contains("events.amazonaws.com");
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(bus.queueUrl(queue.deadLetterQueue()))
                                    .attributeNames(QueueAttributeName.MESSAGE_RETENTION_PERIOD))
                            .attributes())
                    .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
        }
        assertThat(events.listTargetsByRule(b -> b.rule("threat-classification-complete" + bus.suffix())
                                .eventBusName(bus.busName()))
                        .targets())
                .extracting(t -> t.id())
                .containsExactlyInAnyOrder("investigation", "audit-trail");
    }

    private static PutEventsRequestEntry raw(String busName, String source, String detailType, String key) {
        return raw(busName, source, detailType, key, 5.0);
    }

    /** A raw AWS event; GuardDuty's {@code detail.severity} decides between the classifier's two queues. */
    private static PutEventsRequestEntry raw(
            String busName, String source, String detailType, String key, double severity) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(detailType)
                .detail("{\"sampleId\":\"" + key + bus.suffix() + "\",\"schemaVersion\":\"2.0\",\"severity\":"
                        + severity + "}")
                .build();
    }

    private static String asDelivered(PutEventsRequestEntry entry) {
        return """
                {"version":"0","id":"x","detail-type":"%s","source":"%s","account":"123456789012",\
                "time":"2026-11-26T10:00:00Z","region":"us-east-1","resources":[],"detail":%s}""".formatted(entry.detailType(), entry.source(), entry.detail());
    }

    private static void drainInto(Map<String, Set<String>> observed) {
        Map<String, String> queues = new LinkedHashMap<>();
        DEFINITION.queues().forEach(q -> queues.put(q.name(), bus.queueUrl(q.name())));
        queues.put(PROBE, probeQueueUrl);
        queues.forEach((target, url) -> {
            List<Message> messages;
            do {
                messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                        .messages();
                for (Message message : messages) {
                    JsonNode detail = JSON.readTree(message.body()).path("detail");
                    String key = detail.has("eventId")
                            ? detail.get("eventId").asString()
                            : detail.path("sampleId").asString().replace(bus.suffix(), "");
                    observed.computeIfAbsent(key, k -> new TreeSet<>()).add(target);
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            } while (!messages.isEmpty());
        });
    }

    private static Map<String, Set<String>> observedFor(Set<String> keys, Map<String, Set<String>> observed) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        keys.forEach(key -> result.put(key, new TreeSet<>(observed.getOrDefault(key, Set.of()))));
        return result;
    }
}
