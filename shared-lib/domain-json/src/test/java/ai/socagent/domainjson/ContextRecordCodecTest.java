package ai.socagent.domainjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentWork;
import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatPattern;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.InvestigationComplete;
import ai.socagent.domain.event.ResponseActionExecuted;
import ai.socagent.domain.event.ResponsePlanReady;
import ai.socagent.domain.event.RootCauseIdentified;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.investigation.InvestigationStatus;
import ai.socagent.domain.investigation.Timeline;
import ai.socagent.domain.threat.Threat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ContextRecordCodecTest {

    private static final List<DomainEvent> EVENTS = SampleEvents.all();

    private static <T> T roundTrip(ContextRecordType<T> type, T record) {
        ContextRecordCodec<T> codec = ContextRecordCodec.of(type);
        return codec.decode(codec.encode(record));
    }

    private static <T extends DomainEvent> T event(Class<T> type) {
        return EVENTS.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void decode_everyRecordTypeItsOwnEncoding_givesTheSameRecord() {
        Threat threat = SampleEvents.threat();
        Classification classification = SampleEvents.classification();
        Investigation investigation = Investigation.open(threat.threatId(), threat.correlationId(), SampleEvents.T0)
                .transitionTo(InvestigationStatus.CLASSIFIED, SampleEvents.T0.plusSeconds(10), "classified");
        var rootCause = event(RootCauseIdentified.class).rootCause();
        var plan = event(ResponsePlanReady.class).plan();

        assertThat(roundTrip(ContextRecords.THREAT, threat)).isEqualTo(threat);
        assertThat(roundTrip(ContextRecords.CLASSIFICATION, classification)).isEqualTo(classification);
        assertThat(roundTrip(ContextRecords.CLASSIFICATION, classification.withFallbackReason("offline mode")))
                .isEqualTo(classification.withFallbackReason("offline mode"));
        assertThat(roundTrip(
                        ContextRecords.ENRICHMENT,
                        event(ThreatIntelligenceEnriched.class).enrichment()))
                .isEqualTo(event(ThreatIntelligenceEnriched.class).enrichment());
        assertThat(roundTrip(ContextRecords.INVESTIGATION, investigation)).isEqualTo(investigation);
        Timeline timeline = new Timeline(investigation.investigationId(), rootCause.causalChain());
        assertThat(roundTrip(ContextRecords.TIMELINE, timeline)).isEqualTo(timeline);
        assertThat(roundTrip(ContextRecords.ROOT_CAUSE, rootCause)).isEqualTo(rootCause);
        assertThat(roundTrip(ContextRecords.RESPONSE_PLAN, plan)).isEqualTo(plan);
        var action = event(ResponseActionExecuted.class).action();
        assertThat(roundTrip(ContextRecords.RESPONSE_ACTION, action)).isEqualTo(action);
        var pattern = new ThreatPattern(
                threat.threatId(),
                investigation.investigationId(),
                threat.finding().findingType(),
                threat.finding().source(),
                threat.finding().accountId(),
                Optional.empty(),
                classification.category(),
                classification.severity(),
                List.of("T1552.005"),
                SampleEvents.T0);
        assertThat(roundTrip(ContextRecords.THREAT_PATTERN, pattern)).isEqualTo(pattern);
        var work = new AgentWork(
                AgentName.THREAT_CLASSIFIER,
                investigation.investigationId(),
                "classification",
                "offline-engine",
                Optional.of("offline mode"),
                SampleEvents.T0);
        assertThat(roundTrip(ContextRecords.AGENT_WORK, work)).isEqualTo(work);
        var status = new ai.socagent.domain.agent.AgentStatus(
                AgentName.THREAT_CLASSIFIER,
                "i-1",
                SampleEvents.T0,
                SampleEvents.T0.plusSeconds(5),
                java.time.Duration.ofSeconds(5),
                "converse",
                List.of(new ai.socagent.domain.agent.AgentStatus.ModelCalls(
                        "anthropic.claude", 2, 16, 1, 3, 4, 5, Optional.of("CLOSED"))),
                List.of(new ai.socagent.domain.agent.AgentStatus.QueueDeliveries(
                        "threat-classifier", Optional.of(7L), Optional.of(2L), Optional.empty())));
        assertThat(roundTrip(ContextRecords.AGENT_STATUS, status)).isEqualTo(status);
        for (DomainEvent event : EVENTS) {
            AuditEntry entry = AuditEntry.of(event);
            assertThat(roundTrip(ContextRecords.AUDIT_ENTRY, entry)).isEqualTo(entry);
        }
    }

    @Test
    void encode_writesTypeVersionAndTheRecordComponentsOnly() {
        String payload = ContextRecordCodec.of(ContextRecords.RESPONSE_PLAN)
                .encode(event(ResponsePlanReady.class).plan());
        ObjectNode document = (ObjectNode) JsonMapper.builder().build().readTree(payload);

        assertThat(document.get("type").asString()).isEqualTo("response-plan");
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(document.get("record").propertyNames())
                .containsExactlyInAnyOrder("planId", "investigationId", "actions", "createdAt");
    }

    @Test
    void decode_anotherRecordType_isRefusedNamingBoth() {
        String payload = ContextRecordCodec.of(ContextRecords.CLASSIFICATION).encode(SampleEvents.classification());

        assertThatThrownBy(
                        () -> ContextRecordCodec.of(ContextRecords.ROOT_CAUSE).decode(payload))
                .isInstanceOf(ContextRecordException.class)
                .hasMessageContaining("root-cause")
                .hasMessageContaining("classification");
    }

    @Test
    void decode_newerSchemaVersion_isRefused() {
        String payload = ContextRecordCodec.of(ContextRecords.CLASSIFICATION)
                .encode(SampleEvents.classification())
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        assertThatThrownBy(() ->
                        ContextRecordCodec.of(ContextRecords.CLASSIFICATION).decode(payload))
                .isInstanceOf(ContextRecordException.class)
                .hasMessageContaining("newer service");
    }

    @Test
    void decode_olderSchemaVersion_isUpgradedStepByStep() {
        record Note(String text, int priority) {}
        ContextRecordType<Note> v1 = ContextRecordType.of("note", 1, Note.class);
        // version 2 renamed the field 'body' of version 1 to 'text'; version 3 added 'priority'
        ContextRecordType<Note> v3 = ContextRecordType.of("note", 1, Note.class)
                .nextVersion(old -> {
                    old.set("text", old.remove("body"));
                    return old;
                })
                .nextVersion(old -> old.put("priority", 3));
        String version1 = "{\"type\":\"note\",\"schemaVersion\":1,\"record\":{\"body\":\"hello\"}}";

        assertThat(ContextRecordCodec.of(v3).decode(version1)).isEqualTo(new Note("hello", 3));
        assertThat(v3.schemaVersion()).isEqualTo(3);
        assertThat(ContextRecordCodec.of(v1).encode(new Note("x", 1))).contains("\"schemaVersion\":1");
    }

    @Test
    void decode_unknownPropertyOrInvalidRecord_isRefused() {
        String valid = ContextRecordCodec.of(ContextRecords.AUDIT_ENTRY).encode(AuditEntry.of(EVENTS.getFirst()));
        String unknown = valid.replace("\"summary\":", "\"extra\":1,\"summary\":");
        String invalid = valid.replaceAll("\"eventId\":\"[^\"]+\"", "\"eventId\":\"not-a-uuid\"");
        var codec = ContextRecordCodec.of(ContextRecords.AUDIT_ENTRY);

        assertThatThrownBy(() -> codec.decode(unknown)).isInstanceOf(ContextRecordException.class);
        assertThatThrownBy(() -> codec.decode(invalid))
                .isInstanceOf(ContextRecordException.class)
                .hasMessageContaining("eventId");
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(ContextRecordException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"audit-entry\"}")).isInstanceOf(ContextRecordException.class);
    }

    @Test
    void all_namesEveryRecordTypeOnce() {
        Set<String> names = new HashSet<>();
        ContextRecords.all()
                .forEach(type ->
                        assertThat(names.add(type.name())).as(type.name()).isTrue());
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "threat",
                        "classification",
                        "enrichment",
                        "investigation",
                        "timeline",
                        "root-cause",
                        "response-plan",
                        "response-action",
                        "threat-pattern",
                        "agent-work",
                        "agent-status",
                        "audit-entry");
        assertThat(Map.of(
                        "evidence",
                        event(InvestigationComplete.class).evidence().size()))
                .containsEntry("evidence", 1);
    }
}
