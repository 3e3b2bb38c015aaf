package ai.socagent.services.threatclassifier.application.offline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TacticAssignment;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.TestClassifiers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineThreatClassifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final OfflineThreatClassifier classifier = new OfflineThreatClassifier(
            AttackKnowledge.embedded(),
            GuardDutyTechniqueMapping.embedded(),
            TestClassifiers.search(),
            new SeverityScorer(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Finding finding(
            FindingFormat format,
            String type,
            String title,
            String description,
            double score,
            Severity severity,
            List<Resource> resources) {
        return Finding.builder()
                .format(format)
                .sourceFindingId("test-" + type.hashCode() + "-" + title.hashCode())
                .findingType(type)
                .title(title)
                .description(description)
                .severity(severity)
                .sourceSeverityScore(score)
                .firstSeen(NOW)
                .lastSeen(NOW)
                .resources(resources)
                .rawPayload("{}")
                .receivedAt(NOW)
                .build();
    }

    @Test
    void classify_guardDutySshBruteForce_usesCtidMappingWithHighConfidence() {
        Classification classification = classifier.classify(finding(
                FindingFormat.GUARDDUTY,
                "UnauthorizedAccess:EC2/SSHBruteForce",
                "198.51.100.7 is performing SSH brute force attacks against i-0abc.",
                "",
                5.0,
                Severity.MEDIUM,
                List.of()));

        assertThat(classification.category()).isEqualTo(ThreatCategory.UNAUTHORIZED_ACCESS);
        assertThat(classification.techniques())
                .extracting(TechniqueAssignment::techniqueId)
                .containsExactly("T1110");
        assertThat(classification.techniques().get(0).name()).isEqualTo("Brute Force");
        assertThat(classification.techniques().get(0).rationale())
                .contains("CTID GuardDuty mapping lists UnauthorizedAccess:EC2/SSHBruteForce under T1110")
                .contains("brute");
        assertThat(classification.tactics())
                .extracting(TacticAssignment::tacticId)
                .containsExactly("TA0006");
        assertThat(classification.confidence()).isEqualTo(0.9);
        assertThat(classification.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(classification.classifiedBy()).isEqualTo(OfflineThreatClassifier.CLASSIFIED_BY);
        assertThat(classification.classifiedAt()).isEqualTo(NOW);
    }

    @Test
    void classify_mappedTypeWithSeveralTechniques_putsBestTextMatchFirst() {
        Classification classification = classifier.classify(finding(
                FindingFormat.GUARDDUTY,
                "Recon:EC2/Portscan",
                "EC2 instance i-0abc is performing outbound port scans against a remote host.",
                "",
                5.0,
                Severity.MEDIUM,
                List.of()));

        assertThat(classification.category()).isEqualTo(ThreatCategory.RECONNAISSANCE);
        assertThat(classification.techniques())
                .extracting(TechniqueAssignment::techniqueId)
                .containsExactlyInAnyOrder("T1046", "T1595.001", "T1595.002");
        assertThat(classification.tactics())
                .extracting(TacticAssignment::tacticId)
                .contains("TA0007", "TA0043");
    }

    @Test
    void classify_laterVariantOfMappedType_usesFamilyMappingWithLowerConfidence() {
        Classification classification = classifier.classify(finding(
                FindingFormat.GUARDDUTY_EVENT,
                "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
                "Credentials created exclusively for an EC2 instance are being used from an external IP address.",
                "",
                8.0,
                Severity.HIGH,
                List.of()));

        assertThat(classification.confidence()).isEqualTo(0.75);
        assertThat(classification.techniques())
                .extracting(TechniqueAssignment::techniqueId)
                .contains("T1552.005");
        assertThat(classification.techniques().get(0).rationale()).contains("threat family");
    }

    @Test
    void classify_unmappedFreeTextThreat_usesSearchAndDerivesCategoryFromTactic() {
        Classification classification = classifier.classify(finding(
                FindingFormat.PLAIN_THREAT,
                "Credential theft",
                "Mimikatz dumped LSASS memory",
                "The attacker used mimikatz sekurlsa to read credentials from the LSASS process memory.",
                3,
                Severity.HIGH,
                List.of()));

        assertThat(classification.techniques()).isNotEmpty();
        assertThat(classification.techniques().get(0).techniqueId()).isEqualTo("T1003.001");
        assertThat(classification.techniques().get(0).rationale()).contains("lsass");
        assertThat(classification.category()).isEqualTo(ThreatCategory.CREDENTIAL_ACCESS);
        assertThat(classification.confidence()).isBetween(0.25, 0.7);
    }

    @Test
    void classify_guardDutyTypeCtidDoesNotMap_searchesPreferringThePurposesTactic() {
        Classification classification = classifier.classify(finding(
                FindingFormat.GUARDDUTY,
                "PrivilegeEscalation:IAMUser/AnomalousBehavior",
                "An API commonly used to obtain elevated permissions was invoked in an anomalous way.",
                "",
                5.0,
                Severity.MEDIUM,
                List.of()));

        assertThat(classification.category()).isEqualTo(ThreatCategory.PRIVILEGE_ESCALATION);
        assertThat(classification.confidence()).isLessThan(0.75);
        assertThat(classification.techniques()).isNotEmpty();
        assertThat(classification.techniques().get(0).rationale()).contains("threat purpose");
        assertThat(classification.tactics())
                .extracting(TacticAssignment::tacticId)
                .contains("TA0004");
    }

    @Test
    void tacticsOfPurpose_reconAndPolicy_pointToDiscoveryPhasesAndNothing() {
        assertThat(OfflineThreatClassifier.tacticsOfPurpose(ThreatCategory.RECONNAISSANCE))
                .containsExactlyInAnyOrder("reconnaissance", "discovery");
        assertThat(OfflineThreatClassifier.tacticsOfPurpose(ThreatCategory.POLICY_VIOLATION))
                .isEmpty();
    }

    @Test
    void classify_textWithoutAnyAttackTerm_isOtherWithLowConfidence() {
        Classification classification = classifier.classify(
                finding(FindingFormat.PLAIN_THREAT, "zzqx", "qqzzx", "", 2, Severity.LOW, List.of()));

        assertThat(classification.category()).isEqualTo(ThreatCategory.OTHER);
        assertThat(classification.techniques()).isEmpty();
        assertThat(classification.tactics()).isEmpty();
        assertThat(classification.confidence()).isEqualTo(0.1);
    }

    @Test
    void analyze_productionCriticalAssetAndIntelHit_raisesSeverityAndExtractsIndicators() {
        Resource instance = Resource.of(
                ResourceType.EC2_INSTANCE,
                "i-0abc",
                null,
                null,
                null,
                Map.of("criticality", "high", "env", "prod"),
                Map.of());
        Finding finding = finding(
                FindingFormat.GUARDDUTY,
                "Backdoor:EC2/C&CActivity.B!DNS",
                "EC2 instance i-0abc is querying a domain name associated with a known command and control server.",
                "Queries for evil-c2[.]example.net from 10.1.2.3",
                8.0,
                Severity.HIGH,
                List.of(instance));

        OfflineThreatClassifier.Analysis analysis =
                classifier.analyze(finding, new SeverityScorer.IntelligenceSignal(1, 0));

        assertThat(analysis.classification().category()).isEqualTo(ThreatCategory.BACKDOOR);
        assertThat(analysis.classification().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(analysis.severity().factors()).anyMatch(f -> f.contains("malicious intelligence"));
        assertThat(analysis.indicators())
                .contains(
                        Indicator.of(IndicatorType.DOMAIN, "evil-c2.example.net"),
                        Indicator.of(IndicatorType.IPV4, "10.1.2.3"));
        assertThat(analysis.classification().tactics())
                .extracting(TacticAssignment::tacticId)
                .contains("TA0011");
    }

    @Test
    void classify_guardDutyFindingFromSecurityHub_usesCtidMapping() {
        Classification classification = classifier.classify(finding(
                FindingFormat.ASFF,
                "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B",
                "EC2 instance i-f60d2c8c8e15fe7ac is communicating with a known Command & Control server.",
                "",
                80,
                Severity.HIGH,
                List.of()));

        assertThat(classification.category()).isEqualTo(ThreatCategory.BACKDOOR);
        assertThat(classification.confidence()).isEqualTo(0.9);
        assertThat(classification.techniques())
                .extracting(TechniqueAssignment::parentTechniqueId)
                .containsOnly("T1071");
        assertThat(classification.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void guardDutyType_insideAsffTypePath_isFound() {
        assertThat(OfflineThreatClassifier.guardDutyType("TTPs/Discovery/Recon:EC2/Portscan"))
                .contains("Recon:EC2/Portscan");
        assertThat(OfflineThreatClassifier.guardDutyType("Software and Configuration Checks"))
                .isEmpty();
    }
}
