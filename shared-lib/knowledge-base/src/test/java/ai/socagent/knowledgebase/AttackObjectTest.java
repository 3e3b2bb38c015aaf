package ai.socagent.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttackObjectTest {

    @Test
    void allOf_shippedExtract_hasEveryMitigationGroupAndSoftwareOnceInIdOrder() {
        AttackKnowledge attack = AttackKnowledge.embedded();
        List<AttackObject> objects = AttackObject.allOf(attack);
        Map<AttackObject.Type, Long> byType =
                objects.stream().collect(Collectors.groupingBy(AttackObject::type, Collectors.counting()));

        assertThat(byType.get(AttackObject.Type.MITIGATION)).isEqualTo(44);
        assertThat(byType.get(AttackObject.Type.GROUP))
                .isEqualTo(attack.groups().size());
        assertThat(byType.get(AttackObject.Type.MALWARE) + byType.get(AttackObject.Type.TOOL))
                .isEqualTo(attack.software().size());
        assertThat(byType.get(AttackObject.Type.CAMPAIGN)).isPositive();
        assertThat(objects).extracting(AttackObject::id).doesNotHaveDuplicates().isSorted();
        assertThat(objects.stream()
                        .collect(Collectors.toMap(AttackObject::id, Function.identity()))
                        .get("M1032")
                        .techniqueIds())
                .contains("T1078");
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
