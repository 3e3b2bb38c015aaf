package ai.socagent.services.threatclassifier.adapter.in.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.Severity;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.threat.Threat;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The service on the in-process bus: what arrives on its queue comes out classified on the investigation queue. */
@SpringBootTest
class ThreatClassifierSubscriptionTest {

    private static final List<DomainEvent> INVESTIGATION_QUEUE = new CopyOnWriteArrayList<>();
    private static final List<InboundEvent.PipelineEvent> INVESTIGATION_DELIVERIES = new CopyOnWriteArrayList<>();

    @Autowired
    private InProcessEventBus bus;

    /** The classifier's own ingestion (default limits), to compute the ids it gives threats. */
    private final FindingIngestion ingestion = FindingIngestion.withDefaults();

    /** One handler per queue, and the Spring context (with its bus) is shared by the tests. */
    private static final AtomicBoolean SUBSCRIBED = new AtomicBoolean();

    @BeforeEach
    void listenOnTheInvestigationQueue() {
        if (SUBSCRIBED.compareAndSet(false, true)) {
            bus.subscribe("investigation", event -> {
                if (event instanceof InboundEvent.PipelineEvent pipeline) {
                    INVESTIGATION_QUEUE.add(pipeline.event());
                    INVESTIGATION_DELIVERIES.add(pipeline);
                }
            });
        }
    }

    @Test
    void threatSubmitted_onTheBus_isClassifiedAndHandedToInvestigation() {
        Threat threat = Threat.forFinding(
                ingestion
                        .ingest(SampleFindings.read("guardduty/Recon_EC2_Portscan.json"), Instant.now())
                        .findings()
                        .getFirst(),
                "corr-portscan",
                Instant.now());

        bus.publish(ThreatSubmitted.of(threat, Instant.now()), TraceContext.newRoot());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(INVESTIGATION_QUEUE)
                        .filteredOn(e -> e instanceof ThreatClassificationComplete c
                                && c.threatId().equals(threat.threatId()))
                        .singleElement()
                        .satisfies(e -> assertThat(((ThreatClassificationComplete) e)
                                        .classification()
                                        .techniques())
                                .extracting(t -> t.techniqueId())
                                .anyMatch(id -> id.startsWith("T1046") || id.startsWith("T1595"))));
    }

    @Test
    void criticalThreatSubmitted_goesThroughThePriorityQueueAndIsClassified() {
        String critical = new String(
                        SampleFindings.read("plain/ec2-cryptominer-build-runner.json"), StandardCharsets.UTF_8)
                .replace("\"severity\": \"HIGH\"", "\"severity\": \"CRITICAL\"");
        Threat threat = Threat.forFinding(
                ingestion
                        .ingest(critical.getBytes(StandardCharsets.UTF_8), Instant.now())
                        .findings()
                        .getFirst(),
                "corr-critical",
                Instant.now());
        assertThat(threat.finding().severity()).isEqualTo(Severity.CRITICAL);

        bus.publish(ThreatSubmitted.of(threat, Instant.now()), TraceContext.newRoot());

        // only the priority queue gets it: its classification proves the classifier consumes that queue
        EventCodec codec = EventCodec.create();
        assertThat(bus.router()
                        .targets(codec.toEventBridgeEvent(
                                codec.encode(ThreatSubmitted.of(threat, Instant.now()), TraceContext.newRoot()),
                                "id",
                                InProcessEventBus.ACCOUNT,
                                InProcessEventBus.REGION)))
                .containsExactly(ThreatClassifierSubscription.PRIORITY_QUEUE);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(INVESTIGATION_QUEUE)
                        .filteredOn(e -> e instanceof ThreatClassificationComplete c
                                && c.threatId().equals(threat.threatId()))
                        .singleElement());
    }

    @Test
    void threatSubmitted_withATrace_itsClassificationContinuesTheTrace() {
        Threat threat = Threat.forFinding(
                ingestion
                        .ingest(SampleFindings.read("guardduty/Backdoor_EC2_C_CActivity.B.json"), Instant.now())
                        .findings()
                        .getFirst(),
                "corr-trace",
                Instant.now());
        TraceContext root = TraceContext.newRoot();

        bus.publish(ThreatSubmitted.of(threat, Instant.now()), root);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(INVESTIGATION_DELIVERIES)
                        .filteredOn(delivery -> delivery.event() instanceof ThreatClassificationComplete c
                                && c.threatId().equals(threat.threatId()))
                        .singleElement()
                        .satisfies(delivery ->
                                assertThat(delivery.trace().traceId()).isEqualTo(root.traceId())));
    }

    @Test
    void rawGuardDutyEvent_fromAws_isIngestedThenClassified() {
        String event = new String(
                SampleFindings.read(SampleFindings.paths().stream()
                        .filter(p -> p.startsWith("guardduty-event/"))
                        .findFirst()
                        .orElseThrow()),
                StandardCharsets.UTF_8);
        String expectedThreatId =
                Threat.idFor(ingestion.ingest(event).findings().getFirst());

        assertThat(bus.publishEvent(event)).contains(ThreatClassifierSubscription.QUEUE);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(INVESTIGATION_QUEUE)
                        .filteredOn(e -> e instanceof ThreatClassificationComplete c
                                && c.threatId().equals(expectedThreatId))
                        .singleElement()
                        .satisfies(e -> assertThat(((ThreatClassificationComplete) e)
                                        .classification()
                                        .techniques())
                                .isNotEmpty()));
    }
}
