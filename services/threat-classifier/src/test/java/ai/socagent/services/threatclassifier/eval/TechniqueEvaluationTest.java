package ai.socagent.services.threatclassifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TechniqueEvaluationTest {

    @Test
    void read_jsonLines_parsesTextTechniqueListAndFindingType() throws IOException {
        List<TechniqueEvaluation.Example> examples = TechniqueEvaluation.read(new StringReader("""
                {"text": "a", "technique": "T1110.001"}

                {"text": "b", "technique": "T1046", "techniques": ["T1046", "T1595.001"], "findingType": "Recon:EC2/Portscan"}
                """));

        assertThat(examples)
                .containsExactly(
                        new TechniqueEvaluation.Example("a", Set.of("T1110.001"), null),
                        new TechniqueEvaluation.Example("b", Set.of("T1046", "T1595.001"), "Recon:EC2/Portscan"));
    }

    @Test
    void read_lineWithoutTechnique_throwsNamingTheLine() {
        assertThatThrownBy(() -> TechniqueEvaluation.read(new StringReader("{\"text\": \"a\"}\n")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void evaluate_predictions_countsTechniqueAndParentHitsAtOneAndThree() {
        List<TechniqueEvaluation.Example> examples = List.of(
                new TechniqueEvaluation.Example("exact", Set.of("T1110.001"), null),
                new TechniqueEvaluation.Example("sibling", Set.of("T1110.003"), null),
                new TechniqueEvaluation.Example("third", Set.of("T1046"), null),
                new TechniqueEvaluation.Example("miss", Set.of("T1003"), null));
        Map<String, List<String>> predictions = Map.of(
                "exact", List.of("T1110.001"),
                "sibling", List.of("T1110.001", "T1046"),
                "third", List.of("T1001", "T1002", "T1046"),
                "miss", List.of());

        TechniqueEvaluation.Result result = TechniqueEvaluation.evaluate(examples, e -> predictions.get(e.text()));

        assertThat(result).isEqualTo(new TechniqueEvaluation.Result(4, 1, 2, 2, 3, 2));
        assertThat(result.format("x", "m"))
                .contains("n=4 top1=0.2500 top3=0.5000 parent_top1=0.5000 parent_top3=0.7500");
    }

    @Test
    void evaluate_heldOutProcedureSample_meetsParentTopThreeGoal() throws IOException {
        List<TechniqueEvaluation.Example> all =
                TechniqueEvaluation.read(Path.of("../../bench/eval/data/procedures-heldout.jsonl"));
        List<TechniqueEvaluation.Example> sample = java.util.stream.IntStream.range(0, all.size())
                .filter(i -> i % 10 == 0)
                .mapToObj(all::get)
                .toList();

        TechniqueEvaluation.Result result =
                TechniqueEvaluation.evaluate(sample, TechniqueEvaluation.predictor("search"));

        assertThat(result.rate(result.parentTop3())).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void evaluate_guardDutyTypes_classifierListsCtidTechniqueForNinetyFivePercent() throws IOException {
        List<TechniqueEvaluation.Example> types =
                TechniqueEvaluation.read(Path.of("../../bench/eval/data/guardduty-types.jsonl"));

        TechniqueEvaluation.Result result =
                TechniqueEvaluation.evaluate(types, TechniqueEvaluation.predictor("classifier"));

        assertThat(types).hasSizeGreaterThanOrEqualTo(72);
        assertThat(result.rate(result.anyHit())).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void coverage_guardDutyUserGuideTypes_ctidCoversAllButOne() throws IOException {
        List<String> types =
                java.nio.file.Files.readAllLines(Path.of("../../bench/eval/data/guardduty-finding-types.txt"));

        TechniqueEvaluation.Coverage coverage =
                TechniqueEvaluation.coverage(types, GuardDutyTechniqueMapping.embedded());

        assertThat(coverage.types()).isEqualTo(74);
        assertThat(coverage.exact()).isEqualTo(72);
        assertThat(coverage.family()).isEqualTo(1);
        assertThat(coverage.uncovered()).containsExactly("PrivilegeEscalation:IAMUser/AnomalousBehavior");
    }
}
