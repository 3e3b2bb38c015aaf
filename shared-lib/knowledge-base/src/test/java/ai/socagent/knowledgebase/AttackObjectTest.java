package ai.socagent.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.knowledgebase.attack.AttackKnowledge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AttackObjectTest {

    @Test
    void allOf_shippedExtract_hasEveryMitigationGroupAndSoftwareOnceInIdOrder() {
        AttackKnowledge attack = AttackKnowledge.embedded();
        List<AttackObject> objects = AttackObject.allOf(attack);
        Map<AttackObject.Type, Long> byType =
                objects.stream().collect(Collectors.groupingBy(AttackObject::type, Collectors.counting()));

        assertThat(byType.get(AttackObject.Type.MITIGATION))
                .isEqualTo(attack.mitigations().size())
                .isEqualTo(44);
        assertThat(byType.get(AttackObject.Type.GROUP))
                .isEqualTo(attack.groups().size());
        assertThat(byType.get(AttackObject.Type.MALWARE) + byType.get(AttackObject.Type.TOOL))
                .isEqualTo(attack.software().size());
        assertThat(byType.get(AttackObject.Type.CAMPAIGN))
                .isEqualTo(attack.campaigns().size())
                .isPositive();
        assertThat(objects).extracting(AttackObject::id).doesNotHaveDuplicates().isSorted();
        Map<String, AttackObject> byId =
                objects.stream().collect(Collectors.toMap(AttackObject::id, Function.identity()));
        assertThat(byId.get("M1032").techniqueIds()).contains("T1078");
        assertThat(byId.get("M1032").description())
                .isEqualTo(attack.mitigation("M1032").orElseThrow().description())
                .containsIgnoringCase("authentication");
        assertThat(byId.get("G0016").description())
                .isEqualTo(attack.actor("G0016").orElseThrow().description())
                .isNotBlank();
        assertThat(objects).allSatisfy(o -> assertThat(o.description()).isNotBlank());
    }

    @Test
    void allOf_mitigationLinkedToNoTechniqueAndCampaignThatUsedNone_areIncluded() throws IOException {
        String json = """
                {"source": "tiny", "tactics": [],
                 "techniques": [{"id": "T9100", "name": "Tiny Technique", "mitigations": ["M9100"]}],
                 "mitigations": [{"id": "M9100", "name": "Linked", "description": "Linked."},
                                 {"id": "M9101", "name": "Lone", "description": "Linked to no technique."}],
                 "groups": [], "software": [],
                 "campaigns": [{"id": "C9100", "name": "Quiet Campaign", "kind": "campaign",
                                "description": "Used no technique."}]}
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }

        List<AttackObject> objects =
                AttackObject.allOf(AttackKnowledge.load(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(objects)
                .containsExactly(
                        new AttackObject(
                                "C9100",
                                AttackObject.Type.CAMPAIGN,
                                "Quiet Campaign",
                                List.of(),
                                "Used no technique.",
                                List.of()),
                        new AttackObject(
                                "M9100",
                                AttackObject.Type.MITIGATION,
                                "Linked",
                                List.of(),
                                "Linked.",
                                List.of("T9100")),
                        new AttackObject(
                                "M9101",
                                AttackObject.Type.MITIGATION,
                                "Lone",
                                List.of(),
                                "Linked to no technique.",
                                List.of()));
    }

    @Test
    void new_idLetterOfAnotherType_isRejected() {
        assertThatThrownBy(() -> new AttackObject("G0016", AttackObject.Type.MITIGATION, "x", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MITIGATION");
    }

    @Test
    void new_techniqueIds_areNormalisedSortedAndDeduplicated() {
        AttackObject tool = new AttackObject(
                " s0002 ", AttackObject.Type.TOOL, "Mimikatz", null, null, List.of("t1003", "T1003", "T1001"));

        assertThat(tool.id()).isEqualTo("S0002");
        assertThat(tool.techniqueIds()).containsExactly("T1001", "T1003");
        assertThat(tool.relatesTo("t1003")).isTrue();
    }
}
