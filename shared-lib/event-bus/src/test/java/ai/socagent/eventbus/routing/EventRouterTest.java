package ai.socagent.eventbus.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    private static final EventRouter ROUTER = EventRouter.create(RoutingDefinitions.bundled());

    @Test
    void targets_everyPipelineDetailType_followsTheEventFlowTable() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (String detailType : DomainEvents.detailTypes()) {
            routes.put(detailType, ROUTER.targets(event("ai-agent-service", detailType)));
        }

        assertThat(routes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Threat Submitted", Set.of("threat-classifier"),
                        "Threat Classification Complete", Set.of("investigation", "threat-intelligence", "audit-trail"),
                        "Emergency Threat Detected",
                                Set.of(
                                        "emergency-notifications",
                                        "emergency-workflow",
                                        "response-orchestration-priority",
                                        "audit-trail"),
                        "Threat Intelligence Enriched", Set.of("investigation", "audit-trail"),
                        "Investigation Complete",
                                Set.of("root-cause-analysis", "response-orchestration", "dashboard", "audit-trail"),
                        "Root Cause Identified", Set.of("response-orchestration", "dashboard", "audit-trail"),
                        "Response Plan Ready", Set.of("dashboard", "audit-trail"),
                        "Response Action Executed", Set.of("dashboard", "audit-trail")));
    }

    @Test
    void matchingRules_everyAgentsEvent_reachesTheAuditTrailThroughExactlyOneRule() {
        // EventBridge delivers an event once per matching rule and target: two rules that both send
        // one event to the audit trail would record it twice.
        for (String detailType : DomainEvents.detailTypes()) {
            if (detailType.equals("Threat Submitted")) {
                continue; // the API keeps the threat itself; the trail starts with the agents
            }
            long rulesToAuditTrail = ROUTER.matchingRules(event("ai-agent-service", detailType)).stream()
                    .map(name -> ROUTER.definition().rule(name).orElseThrow())
                    .filter(rule -> rule.targets().contains("audit-trail"))
                    .count();

            assertThat(rulesToAuditTrail).as(detailType).isEqualTo(1);
        }
    }

    @Test
    void targets_rawGuardDutyAndSecurityHubEvents_goToTheThreatClassifier() {
        assertThat(ROUTER.targets(event("aws.guardduty", "GuardDuty Finding"))).containsExactly("threat-classifier");
        assertThat(ROUTER.targets(event("aws.securityhub", "Security Hub Findings - Imported")))
                .containsExactly("threat-classifier");
    }

    @Test
    void targets_criticalFindings_goToTheClassifiersPriorityQueueOnly() {
        assertThat(ROUTER.targets(event("ai-agent-service", "Threat Submitted", "CRITICAL", 5.0)))
                .containsExactly("threat-classifier-priority");
        assertThat(ROUTER.targets(event("ai-agent-service", "Threat Submitted", "LOW", 5.0)))
                .containsExactly("threat-classifier");
        assertThat(ROUTER.targets(event("aws.guardduty", "GuardDuty Finding", "HIGH", 9.0)))
                .containsExactly("threat-classifier-priority");
        assertThat(ROUTER.targets(event("aws.guardduty", "GuardDuty Finding", "HIGH", 8.9)))
                .containsExactly("threat-classifier");
    }

    @Test
    void targets_unroutedEvents_goNowhere() {
        assertThat(ROUTER.targets(event("aws.guardduty", "Threat Submitted"))).isEmpty();
        assertThat(ROUTER.targets(event("ai-agent-service", "GuardDuty Finding")))
                .isEmpty();
        assertThat(ROUTER.targets(event("someone-else", "Threat Submitted"))).isEmpty();
        assertThat(ROUTER.targets(event("aws.securityhub", "Security Hub Findings - Custom Action")))
                .isEmpty();
    }

    @Test
    void matchingRules_emergency_matchesTheDesignRuleAndThePriorityRule() {
        assertThat(ROUTER.matchingRules(event("ai-agent-service", "Emergency Threat Detected")))
                .containsExactlyInAnyOrder(
                        "emergency-threat-detected", "emergency-to-response-priority", "pipeline-audit-trail");
    }

    @Test
    void targetsBySourceAndDetailType_envelopeOnlyRules_equalFullMatching() {
        for (String source : List.of("ai-agent-service", "aws.guardduty", "aws.securityhub", "other")) {
            for (String detailType :
                    List.of("Threat Submitted", "Emergency Threat Detected", "GuardDuty Finding", "Nothing")) {
                String event = event(source, detailType);

                assertThat(ROUTER.targets(source, detailType, event)).isEqualTo(ROUTER.targets(event));
            }
        }
    }

    @Test
    void targetsBySourceAndDetailType_ruleLookingIntoDetail_matchesTheWholeEvent() {
        EventRouter router = EventRouter.create(RoutingDefinitions.parse("""
                {"schemaVersion":1,"bus":{"name":"b","source":"ai-agent-service"},
                 "queues":[{"name":"critical","deadLetterQueue":"critical-dlq","maxReceiveCount":2}],
                 "rules":[{"name":"r","targets":["critical"],
                   "eventPattern":{"source":["ai-agent-service"],"detail":{"severity":["CRITICAL"]}}}]}
                """));
        String critical =
                event("ai-agent-service", "X").replace("\"detail\":{", "\"detail\":{\"severity\":\"CRITICAL\",");

        assertThat(router.targets("ai-agent-service", "X", critical)).containsExactly("critical");
        assertThat(router.targets("ai-agent-service", "X", event("ai-agent-service", "X")))
                .isEmpty();
    }

    @Test
    void targets_notJson_isRefused() {
        assertThatThrownBy(() -> ROUTER.targets("{ nope")).isInstanceOf(IllegalArgumentException.class);
    }

    /** An event with what the rules look at: a HIGH finding (Threat Submitted), severity 5 (GuardDuty). */
    private static String event(String source, String detailType) {
        return event(source, detailType, "HIGH", 5.0);
    }

    private static String event(String source, String detailType, String findingSeverity, double severity) {
        return """
                {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"%s","source":"%s",\
                "account":"123456789012","time":"2026-11-26T10:00:00Z","region":"eu-west-1","resources":[],\
                "detail":{"eventId":"7bf73129-1428-4cd3-a780-95db273d1602","severity":%s,\
                "threat":{"finding":{"severity":"%s"}}}}""".formatted(detailType, source, severity, findingSeverity);
    }
}
