package ai.socagent.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.domain.investigation.Evidence;
import ai.socagent.domain.investigation.EvidenceKind;
import ai.socagent.domain.investigation.RootCause;
import ai.socagent.domain.response.ActionType;
import ai.socagent.domain.response.ResponseAction;
import ai.socagent.domain.response.ResponsePlan;
import ai.socagent.domain.response.RiskLevel;
import ai.socagent.domain.threat.Threat;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DomainEventsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final String CORRELATION = "corr-1";

    @Test
    void constants_busAndSource_haveContractValues() {
        assertThat(DomainEvents.EventBus.NAME).isEqualTo("ai-agent-events");
        assertThat(DomainEvents.EventBus.SOURCE).isEqualTo("ai-agent-service");
        assertThat(DomainEvents.CURRENT_SCHEMA_VERSION).isEqualTo(1);
    }

    @Test
    void detailTypes_allEvents_listsExactlyTheEightContractNames() {
        assertThat(DomainEvents.detailTypes())
                .containsExactly(
                        "Threat Submitted",
                        "Threat Classification Complete",
                        "Emergency Threat Detected",
                        "Threat Intelligence Enriched",
                        "Investigation Complete",
                        "Root Cause Identified",
                        "Response Plan Ready",
                        "Response Action Executed");
    }

    @Test
    void eventClassFor_everyPermittedSubclass_isRegisteredUnderItsDetailType() {
        Set<Class<?>> permitted =
                Arrays.stream(DomainEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> registered = DomainEvents.detailTypes().stream()
                .map(type -> DomainEvents.eventClassFor(type).orElseThrow())
                .collect(Collectors.toSet());
        assertThat(registered).isEqualTo(permitted);
        assertThat(DomainEvents.eventClassFor("Unknown")).isEmpty();
    }

    @Test
    void of_everyEvent_carriesMetadataDetailTypeAndAggregate() {
        Threat threat = Threat.submit(finding(), CORRELATION, T0);
        String investigationId = Preconditions.newId();
        Classification classification = new Classification(
                ThreatCategory.BACKDOOR, Severity.HIGH, 0.9, List.of(), List.of(), "ThreatClassifier", T0);
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.7");
        EnrichmentSummary enrichment = new EnrichmentSummary(
                1,
                List.of(new IndicatorHit(ip, "GuardDuty threat list", Reputation.MALICIOUS, 0.95, List.of("C2"), "")),
                "known C2");
        Evidence evidence = new Evidence(
                Preconditions.newId(),
                investigationId,
                EvidenceKind.NETWORK_FLOW,
                "outbound 443 to C2",
                "VPC Flow Logs",
                T0,
                T0,
                Evidence.sha256Of("flow"),
                Map.of());
        RootCause rootCause = new RootCause("exposed SSH", ThreatCategory.BACKDOOR, 0.7, List.of(), List.of());
        ResponseAction notify = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        ResponsePlan plan = new ResponsePlan(Preconditions.newId(), investigationId, List.of(notify), T0);
        ResponseAction executed = notify.startExecution().complete("sent");

        List<DomainEvent> events = List.of(
                ThreatSubmitted.of(threat, T0),
                ThreatClassificationComplete.of(CORRELATION, T0, threat.threatId(), investigationId, classification),
                EmergencyThreatDetected.of(
                        CORRELATION, T0, threat.threatId(), investigationId, classification, "critical C2"),
                ThreatIntelligenceEnriched.of(CORRELATION, T0, investigationId, enrichment),
                InvestigationComplete.of(CORRELATION, T0, investigationId, List.of(evidence), "done"),
                RootCauseIdentified.of(CORRELATION, T0, investigationId, rootCause),
                ResponsePlanReady.of(CORRELATION, T0, investigationId, plan),
                ResponseActionExecuted.of(CORRELATION, T0, investigationId, executed));

        assertThat(events).extracting(DomainEvent::detailType).containsExactlyElementsOf(DomainEvents.detailTypes());
        assertThat(events).allSatisfy(event -> {
            assertThat(event.correlationId()).isEqualTo(CORRELATION);
            assertThat(event.schemaVersion()).isEqualTo(1);
            assertThat(event.occurredAt()).isEqualTo(T0);
            assertThat(event.eventId()).matches("[0-9a-f-]{36}");
        });
        assertThat(events.get(0).aggregateId()).isEqualTo(threat.threatId());
        assertThat(events.subList(1, events.size()))
                .extracting(DomainEvent::aggregateId)
                .containsOnly(investigationId);
        assertThat(events).extracting(DomainEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void constructor_unsupportedSchemaVersion_refused() {
        Threat threat = Threat.submit(finding(), CORRELATION, T0);
        assertThatThrownBy(() -> new ThreatSubmitted(Preconditions.newId(), CORRELATION, T0, 2, threat))
                .hasMessageContaining("schemaVersion");
        assertThatThrownBy(() -> new ThreatSubmitted(Preconditions.newId(), "other", T0, 1, threat))
                .hasMessageContaining("differs");
    }

    @Test
    void responseActionExecuted_actionNotFinished_refused() {
        ResponseAction notify = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        assertThatThrownBy(() -> ResponseActionExecuted.of(CORRELATION, T0, Preconditions.newId(), notify))
                .hasMessageContaining("EXECUTED or FAILED");
    }

    @Test
    void responsePlanReady_planOfOtherInvestigation_refused() {
        ResponseAction notify = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        ResponsePlan plan = new ResponsePlan(Preconditions.newId(), Preconditions.newId(), List.of(notify), T0);
        assertThatThrownBy(() -> ResponsePlanReady.of(CORRELATION, T0, Preconditions.newId(), plan))
                .hasMessageContaining("belongs to investigation");
    }

    @Test
    void enrichmentSummary_moreDistinctHitsThanChecked_refused() {
        Indicator a = Indicator.of(IndicatorType.IPV4, "198.51.100.7");
        Indicator b = Indicator.of(IndicatorType.IPV4, "198.51.100.8");
        List<IndicatorHit> hits = List.of(
                new IndicatorHit(a, "feed", Reputation.MALICIOUS, 1.0, List.of(), ""),
                new IndicatorHit(b, "feed", Reputation.BENIGN, 0.5, List.of(), ""));
        assertThatThrownBy(() -> new EnrichmentSummary(1, hits, "x")).hasMessageContaining("only 1 were checked");
        assertThat(new EnrichmentSummary(2, hits, "x").maliciousHits()).hasSize(1);
    }

    private static Finding finding() {
        return Finding.builder()
                .format(FindingFormat.PLAIN_THREAT)
                .sourceFindingId("t-1")
                .findingType("PlainThreat")
                .title("C2 beacon")
                .severity(Severity.HIGH)
                .sourceSeverityScore(3)
                .firstSeen(T0)
                .lastSeen(T0)
                .rawPayload("{}")
                .receivedAt(T0)
                .build();
    }
}
