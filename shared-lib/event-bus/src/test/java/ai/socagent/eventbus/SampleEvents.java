package ai.socagent.eventbus;

import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TacticAssignment;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.InvestigationComplete;
import ai.socagent.domain.event.ResponseActionExecuted;
import ai.socagent.domain.event.ResponsePlanReady;
import ai.socagent.domain.event.RootCauseIdentified;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.domain.investigation.Evidence;
import ai.socagent.domain.investigation.EvidenceKind;
import ai.socagent.domain.investigation.RootCause;
import ai.socagent.domain.investigation.TimelineEntry;
import ai.socagent.domain.response.ActionType;
import ai.socagent.domain.response.ResponseAction;
import ai.socagent.domain.response.ResponsePlan;
import ai.socagent.domain.response.RiskLevel;
import ai.socagent.domain.threat.Threat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic event of every pipeline type, built with the domain factories, all of one threat. */
public final class SampleEvents {

    public static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123456Z");

    private SampleEvents() {}

    /** The eight events of one threat's way through the pipeline, in pipeline order. */
    public static List<DomainEvent> all() {
        Threat threat = threat();
        String correlationId = threat.correlationId();
        String investigationId = UUID.randomUUID().toString();
        Classification classification = classification();
        Evidence evidence = new Evidence(
                UUID.randomUUID().toString(),
                investigationId,
                EvidenceKind.API_CALL,
                "ListBuckets from the attacker's address with the compromised key",
                "CloudTrail",
                T0.minusSeconds(3600),
                T0.plusSeconds(60),
                Evidence.sha256Of("{\"eventName\":\"ListBuckets\"}"),
                Map.of("eventName", "ListBuckets", "sourceIPAddress", "198.51.100.23"));
        RootCause rootCause = new RootCause(
                "Access key AKIAIOSFODNN7EXAMPLE leaked in a public repository",
                ThreatCategory.CREDENTIAL_ACCESS,
                0.82,
                List.of(
                        new TimelineEntry(T0.minusSeconds(3600), "first API call from 198.51.100.23", List.of()),
                        new TimelineEntry(
                                T0.minusSeconds(7200), "key committed to GitHub", List.of(evidence.evidenceId()))),
                List.of("no MFA on the IAM user", "key older than 400 days"));
        ResponseAction disableKey = ResponseAction.propose(
                ActionType.DISABLE_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", RiskLevel.HIGH, "the key is compromised");
        ResponseAction ticket =
                ResponseAction.propose(ActionType.CREATE_TICKET, "SOC-queue", RiskLevel.LOW, "track the incident");
        ResponsePlan plan = new ResponsePlan(
                UUID.randomUUID().toString(), investigationId, List.of(disableKey, ticket), T0.plusSeconds(300));
        ResponseAction executed = disableKey
                .approve("analyst@example.com", T0.plusSeconds(400))
                .startExecution()
                .complete("key AKIAIOSFODNN7EXAMPLE deactivated");
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.23");
        return List.of(
                ThreatSubmitted.of(threat, T0),
                ThreatClassificationComplete.of(
                        correlationId, T0.plusSeconds(5), threat.threatId(), investigationId, classification),
                EmergencyThreatDetected.of(
                        correlationId,
                        T0.plusSeconds(6),
                        threat.threatId(),
                        investigationId,
                        classification,
                        "CRITICAL credential exfiltration with confidence 0.93"),
                ThreatIntelligenceEnriched.of(
                        correlationId,
                        T0.plusSeconds(20),
                        investigationId,
                        new EnrichmentSummary(
                                2,
                                List.of(new IndicatorHit(
                                        ip, "abuse.ch", Reputation.MALICIOUS, 0.9, List.of("botnet"), "C2 node")),
                                "1 of 2 indicators is known malicious")),
                InvestigationComplete.of(
                        correlationId,
                        T0.plusSeconds(120),
                        investigationId,
                        List.of(evidence),
                        "Compromised key used from a known botnet address"),
                RootCauseIdentified.of(correlationId, T0.plusSeconds(200), investigationId, rootCause),
                ResponsePlanReady.of(correlationId, T0.plusSeconds(300), investigationId, plan),
                ResponseActionExecuted.of(correlationId, T0.plusSeconds(500), investigationId, executed));
    }

    public static Threat threat() {
        return threat(Severity.HIGH);
    }

    /** A Threat Submitted of a CRITICAL finding (routed to the classifier's priority queue). */
    public static ThreatSubmitted criticalThreatSubmitted() {
        return ThreatSubmitted.of(threat(Severity.CRITICAL), T0);
    }

    public static Threat threat(Severity severity) {
        Finding finding = Finding.builder()
                .format(FindingFormat.GUARDDUTY_EVENT)
                .sourceFindingId("a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7")
                .findingType("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS")
                .title("Credentials for instance role used from an external IP address")
                .description("Credentials created exclusively for an EC2 instance are used from 198.51.100.23.")
                .severity(severity)
                .sourceSeverityScore(8.0)
                .accountId("123456789012")
                .region("eu-west-1")
                .firstSeen(T0.minusSeconds(3600))
                .lastSeen(T0.minusSeconds(60))
                .resources(List.of(
                        Resource.of(
                                ResourceType.IAM_ACCESS_KEY,
                                "ASIAIOSFODNN7EXAMPLE",
                                null,
                                "eu-west-1",
                                "123456789012",
                                Map.of(),
                                Map.of("userName", "web-role")),
                        Resource.of(ResourceType.EC2_INSTANCE, "i-0abcd1234ef567890")))
                .indicators(List.of(
                        Indicator.of(IndicatorType.IPV4, "198.51.100.23"),
                        Indicator.of(IndicatorType.IPV4, "10.0.1.17"),
                        Indicator.of(IndicatorType.DOMAIN, "Evil.Example.COM")))
                .rawPayload("{\"schemaVersion\":\"2.0\",\"id\":\"a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7\"}")
                .receivedAt(T0.minusSeconds(1))
                .build();
        return Threat.submit(finding, T0.minusSeconds(1));
    }

    public static Classification classification() {
        return new Classification(
                ThreatCategory.UNAUTHORIZED_ACCESS,
                Severity.CRITICAL,
                0.93,
                List.of(new TacticAssignment("TA0006", "Credential Access", "instance credentials used outside AWS")),
                List.of(new TechniqueAssignment("T1552.005", "Cloud Instance Metadata API", "IMDS credentials")),
                "ThreatClassifier",
                T0.plusSeconds(4));
    }
}
