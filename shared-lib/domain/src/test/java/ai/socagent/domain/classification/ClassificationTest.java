package ai.socagent.domain.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationTest {

    @ParameterizedTest
    @CsvSource({
        "Backdoor, BACKDOOR",
        "Behavior, BEHAVIOR",
        "CryptoCurrency, CRYPTOCURRENCY",
        "CredentialAccess, CREDENTIAL_ACCESS",
        "DefenseEvasion, DEFENSE_EVASION",
        "Discovery, DISCOVERY",
        "Execution, EXECUTION",
        "Exfiltration, EXFILTRATION",
        "Impact, IMPACT",
        "InitialAccess, INITIAL_ACCESS",
        "Malware, MALWARE",
        "PenTest, PENTEST",
        "Persistence, PERSISTENCE",
        "Policy, POLICY_VIOLATION",
        "PrivilegeEscalation, PRIVILEGE_ESCALATION",
        "Recon, RECONNAISSANCE",
        "Stealth, STEALTH",
        "Trojan, TROJAN",
        "UnauthorizedAccess, UNAUTHORIZED_ACCESS",
        "recon, RECONNAISSANCE",
        "Recon:EC2/Portscan, RECONNAISSANCE",
        "UnauthorizedAccess:IAMUser/TorIPCaller, UNAUTHORIZED_ACCESS",
        "SomethingNew, OTHER"
    })
    void fromGuardDutyThreatPurpose_purposeOrType_mapsToCategory(String purpose, ThreatCategory expected) {
        assertThat(ThreatCategory.fromGuardDutyThreatPurpose(purpose)).isEqualTo(expected);
    }

    @Test
    void guardDutyThreatPurpose_everyCategoryButOther_roundTrips() {
        for (ThreatCategory category : ThreatCategory.values()) {
            if (category == ThreatCategory.OTHER) {
                assertThat(category.guardDutyThreatPurpose()).isEmpty();
            } else {
                assertThat(ThreatCategory.fromGuardDutyThreatPurpose(
                                category.guardDutyThreatPurpose().orElseThrow()))
                        .isEqualTo(category);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"T1078", "T1078.004"})
    void techniqueAssignment_validId_accepted(String id) {
        TechniqueAssignment technique = new TechniqueAssignment(id, "Valid Accounts", "stolen key used");
        assertThat(technique.parentTechniqueId()).isEqualTo("T1078");
        assertThat(technique.isSubTechnique()).isEqualTo(id.contains("."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"T107", "T1078.04", "t1078", "TA0001", "T1078.0041", ""})
    void techniqueAssignment_invalidId_throws(String id) {
        assertThatThrownBy(() -> new TechniqueAssignment(id, "x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("techniqueId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TA001", "TA00011", "T0001", "ta0001"})
    void tacticAssignment_invalidId_throws(String id) {
        assertThatThrownBy(() -> new TacticAssignment(id, "Initial Access", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tacticId");
    }

    @Test
    void classification_confidenceOutsideUnitInterval_throws() {
        assertThatThrownBy(() -> classification(1.5)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> classification(-0.1)).hasMessageContaining("confidence");
        assertThat(classification(0.9).tactics())
                .extracting(TacticAssignment::tacticId)
                .containsExactly("TA0043");
    }

    @Test
    void classification_blankClassifiedBy_throws() {
        assertThatThrownBy(() -> new Classification(
                        ThreatCategory.OTHER, Severity.LOW, 0.5, List.of(), List.of(), "", Instant.EPOCH))
                .hasMessage("classifiedBy must not be blank");
    }

    static Classification classification(double confidence) {
        return new Classification(
                ThreatCategory.RECONNAISSANCE,
                Severity.MEDIUM,
                confidence,
                List.of(new TacticAssignment("TA0043", "Reconnaissance", "port scan")),
                List.of(new TechniqueAssignment("T1595.001", "Scanning IP Blocks", "sequential ports")),
                "ThreatClassifier",
                Instant.EPOCH);
    }
}
