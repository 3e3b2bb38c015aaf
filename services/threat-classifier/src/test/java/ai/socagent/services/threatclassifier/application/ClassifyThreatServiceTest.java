package ai.socagent.services.threatclassifier.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.TestClassifiers;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClassifyThreatServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FindingIngestion ingestion = FindingIngestion.withDefaults();
    private final ClassifyThreatService service =
            new ClassifyThreatService(TestClassifiers.offline(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void classify_guardDutyFinding_completesWithCtidTechniquesInTheSameInvestigation() {
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");

        List<DomainEvent> events = service.classify(threat);

        ThreatClassificationComplete complete = (ThreatClassificationComplete) events.getLast();
        assertThat(complete.threatId()).isEqualTo(threat.threatId());
        assertThat(complete.correlationId()).isEqualTo(threat.correlationId());
        assertThat(complete.investigationId()).isEqualTo(ClassifyThreatService.investigationIdFor(threat));
        assertThat(complete.classification().techniques()).isNotEmpty();
        assertThat(complete.occurredAt()).isEqualTo(NOW);
        assertThat(service.classify(threat).getLast())
                .extracting(e -> ((ThreatClassificationComplete) e).investigationId())
                .isEqualTo(complete.investigationId());
    }

    @Test
    void classify_anyThreat_raisesAnEmergencyExactlyWhenItIsCritical() {
        int critical = 0;
        for (String sample : SampleFindings.paths()) {
            for (var finding :
                    ingestion.ingest(SampleFindings.read(sample), NOW).findings()) {
                Threat threat = Threat.forFinding(finding, "corr-" + sample, NOW);
                List<DomainEvent> events = service.classify(threat);
                Severity severity = ((ThreatClassificationComplete) events.getLast())
                        .classification()
                        .severity();

                if (severity == Severity.CRITICAL) {
                    critical++;
                    assertThat(events).as(sample).hasSize(2);
                    assertThat(events.getFirst()).isInstanceOf(EmergencyThreatDetected.class);
                } else {
                    assertThat(events).as(sample).hasSize(1);
                }
            }
        }
        assertThat(critical).as("the samples include CRITICAL threats").isPositive();
    }

    @Test
    void classify_keepsTheVerdictThenPublishesItsEventsThroughTheOutboundPort() {
        List<String> effects = new ArrayList<>();
        List<DomainEvent> published = new ArrayList<>();
        ClassifyThreatService recording = recordingService(effects, published);
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");

        List<DomainEvent> events = recording.classify(threat);

        assertThat(published).containsExactlyElementsOf(events);
        assertThat(effects).containsExactly("record " + threat.threatId(), "publish " + events.size());
    }

    @Test
    void classifyAwsEvent_rawGuardDutyEvent_keepsEachThreatThenClassifiesAndPublishesIt() {
        List<String> effects = new ArrayList<>();
        List<DomainEvent> published = new ArrayList<>();
        ClassifyThreatService recording = recordingService(effects, published);
        String event = new String(
                SampleFindings.read(SampleFindings.paths().stream()
                        .filter(p -> p.startsWith("guardduty-event/"))
                        .findFirst()
                        .orElseThrow()),
                StandardCharsets.UTF_8);
        String threatId = Threat.idFor(ingestion.ingest(event).findings().getFirst());

        List<DomainEvent> events = recording.classifyAwsEvent(event);

        assertThat(effects)
                .containsExactly(
                        "arrival " + threatId + " with its payload", "record " + threatId, "publish " + events.size());
        assertThat(published).containsExactlyElementsOf(events);
        ThreatClassificationComplete complete = (ThreatClassificationComplete) events.getLast();
        assertThat(complete.threatId()).isEqualTo(threatId);
        assertThat(complete.occurredAt()).isEqualTo(NOW);
        assertThat(complete.correlationId())
                .as("a raw AWS event starts its own correlation")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void classifyAwsEvent_notAFinding_isRejectedAndNothingIsKeptOrPublished() {
        List<String> effects = new ArrayList<>();
        ClassifyThreatService recording = recordingService(effects, new ArrayList<>());

        assertThatThrownBy(() -> recording.classifyAwsEvent("{\"hello\": \"world\"}"))
                .isInstanceOf(FindingRejectedException.class);
        assertThat(effects).isEmpty();
    }

    /** The offline service with ports that note, in order, what it keeps and publishes. */
    private ClassifyThreatService recordingService(List<String> effects, List<DomainEvent> published) {
        ClassificationContextPort context = new ClassificationContextPort() {
            @Override
            public Threat recordArrival(Threat threat, String rawPayload) {
                effects.add("arrival " + threat.threatId()
                        + (threat.finding().rawPayload().matches(rawPayload) ? " with its payload" : " WRONG payload"));
                return threat;
            }

            @Override
            public void record(
                    Threat threat,
                    String investigationId,
                    Classification classification,
                    String producedBy,
                    Optional<String> fallbackReason,
                    Instant classifiedAt) {
                effects.add("record " + threat.threatId());
            }
        };
        ClassificationEventsPort events = list -> {
            effects.add("publish " + list.size());
            published.addAll(list);
        };
        return new ClassifyThreatService(
                new OfflineModelPort(new SimpleMeterRegistry()),
                TestClassifiers.offline(),
                AttackKnowledge.embedded(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                context,
                events,
                ingestion);
    }

    private Threat threat(String sample) {
        return Threat.forFinding(
                ingestion.ingest(SampleFindings.read(sample), NOW).findings().getFirst(), "corr-1", NOW);
    }

    @Test
    void classify_offlineByDefault_recordsTheOfflineEngineAndTheOfflineMode() {
        ClassifyThreatService.Outcome outcome =
                service.classifyWithOutcome(threat("guardduty/Backdoor_EC2_C_CActivity.B.json"));

        assertThat(outcome.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(outcome.fallbackReason()).hasValue(OfflineModelPort.REASON);
        assertThat(outcome.classification().classifiedBy()).isEqualTo(OfflineThreatClassifier.CLASSIFIED_BY);
    }

    @Test
    void classify_throughAModelPort_asksForTheInvestigationWithTheOfflineSeverityAsFloor() {
        List<ModelRequest> asked = new ArrayList<>();
        ModelPort model = (request, offline) -> {
            asked.add(request);
            return new ModelAnswer(
                    JSON.readTree("""
                            {"category":"BACKDOOR","severity":"CRITICAL","confidence":0.9,
                             "techniques":[{"id":"T1071","name":"Application Layer Protocol"}],
                             "tactics":["TA0011"],"rationale":"C&C traffic."}"""), "model-x", 10, 5, Duration.ofMillis(3), "req-1", Optional.empty());
        };
        ClassifyThreatService withModel = new ClassifyThreatService(
                model, TestClassifiers.offline(), AttackKnowledge.embedded(), Clock.fixed(NOW, ZoneOffset.UTC));
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");

        ClassifyThreatService.Outcome outcome = withModel.classifyWithOutcome(threat);

        ModelRequest request = asked.getFirst();
        assertThat(request.agent()).isEqualTo(AgentName.THREAT_CLASSIFIER);
        assertThat(request.sessionId()).isEqualTo(ClassifyThreatService.investigationIdFor(threat));
        assertThat(request.outputSchema()).isEqualTo(ClassificationJson.schema());
        assertThat(request.severity())
                .isEqualTo(TestClassifiers.offline().classify(threat.finding()).severity());
        assertThat(outcome.classification().classifiedBy()).isEqualTo("model-x");
        assertThat(outcome.classification().classifiedAt()).isEqualTo(NOW);
        assertThat(outcome.classification().tactics()).extracting(t -> t.name()).containsExactly("Command and Control");
        assertThat(outcome.events()).hasSize(2);
    }

    @Test
    void classify_modelAnswerThatIsNoDomainClassification_usesTheOfflineOneWithTheReason() {
        ModelPort model = (request, offline) ->
                new ModelAnswer(JSON.readTree("""
                        {"category":"BACKDOOR","severity":"CRITICAL","confidence":0.9,
                         "techniques":[{"id":"T1071","name":" "}],"tactics":[],"rationale":""}"""), "model-x", 10, 5, Duration.ofMillis(3), "req-1", Optional.empty());
        ClassifyThreatService withModel = new ClassifyThreatService(
                model, TestClassifiers.offline(), AttackKnowledge.embedded(), Clock.fixed(NOW, ZoneOffset.UTC));

        ClassifyThreatService.Outcome outcome =
                withModel.classifyWithOutcome(threat("guardduty/Backdoor_EC2_C_CActivity.B.json"));

        assertThat(outcome.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(outcome.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("not a valid classification"));
        assertThat(outcome.classification().classifiedBy()).isEqualTo(OfflineThreatClassifier.CLASSIFIED_BY);
    }
}
