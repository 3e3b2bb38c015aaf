package ai.socagent.services.threatclassifier.application.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.knowledgebase.attack.AttackKnowledge;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardDutyTechniqueMappingTest {

    private final GuardDutyTechniqueMapping mapping = GuardDutyTechniqueMapping.embedded();

    @Test
    void lookup_portscanType_returnsTechniquesNamedInCtidComments() {
        GuardDutyTechniqueMapping.Match match =
                mapping.lookup("Recon:EC2/Portscan").orElseThrow();

        assertThat(match.exact()).isTrue();
        assertThat(match.techniqueIds()).containsExactly("T1046", "T1595.001", "T1595.002");
    }

    @Test
    void lookup_typeNamedOnlyInTechniqueScoreComment_mapsToTheTechnique() {
        assertThat(mapping.lookup("Trojan:EC2/DriveBySourceTraffic!DNS"))
                .map(GuardDutyTechniqueMapping.Match::techniqueIds)
                .hasValueSatisfying(ids -> assertThat(ids).contains("T1189"));
    }

    @Test
    void lookup_typeListedWithTrailingFullStop_isStillFound() {
        assertThat(mapping.lookup("Impact:EC2/PortSweep")).isPresent();
        assertThat(mapping.findingTypes()).doesNotContain("Impact:EC2/PortSweep.");
    }

    @Test
    void lookup_laterVariantOfMappedFamily_fallsBackToFamilyAndIsNotExact() {
        GuardDutyTechniqueMapping.Match match = mapping.lookup(
                        "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS")
                .orElseThrow();

        assertThat(match.exact()).isFalse();
        assertThat(match.mappedType()).isEqualTo("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration");
        assertThat(match.techniqueIds()).contains("T1552.005");
    }

    @Test
    void lookup_artifactVariant_fallsBackToTypeWithoutArtifact() {
        GuardDutyTechniqueMapping local =
                GuardDutyTechniqueMapping.of(Map.of("Trojan:EC2/DropPoint", List.of("T1041")));

        assertThat(local.lookup("Trojan:EC2/DropPoint!DNS"))
                .map(GuardDutyTechniqueMapping.Match::mappedType)
                .contains("Trojan:EC2/DropPoint");
    }

    @Test
    void lookup_unknownOrBlankType_isEmpty() {
        assertThat(mapping.lookup("Execution:Runtime/NewBinaryExecuted")).isEmpty();
        assertThat(mapping.lookup(" ")).isEmpty();
        assertThat(mapping.lookup(null)).isEmpty();
    }

    @Test
    void findingTypes_everyMappedTechnique_existsInAttackV18() {
        AttackKnowledge knowledge = AttackKnowledge.embedded();

        assertThat(mapping.findingTypes()).hasSizeGreaterThanOrEqualTo(72);
        mapping.findingTypes()
                .forEach(type -> assertThat(mapping.lookup(type).orElseThrow().techniqueIds())
                        .isNotEmpty()
                        .allSatisfy(id -> assertThat(knowledge.technique(id))
                                .as(type + " -> " + id)
                                .isPresent()));
    }

    @Test
    void load_documentWithoutFindingTypes_throwsUncheckedIoException() {
        assertThatThrownBy(() -> GuardDutyTechniqueMapping.load(
                        new ByteArrayInputStream("{\"source\": \"x\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("findingTypes");
    }
}
