package ai.socagent.agentruntime.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OutputValidatorTest {

    private static final String VALID = "{\"category\":\"MALWARE\",\"severity\":\"HIGH\",\"confidence\":0.7,"
            + "\"techniques\":[{\"id\":\"T1204.002\",\"name\":\"Malicious File\"}],\"tactics\":[\"TA0002\"],"
            + "\"rationale\":\"r\"}";

    private final OutputValidator validator = new OutputValidator();
    private final JsonNode schema = SampleAgentContract.schema();

    @Test
    void validate_schemaConformingObject_isValid() {
        assertThat(validator.validate(VALID, schema)).isInstanceOf(OutputValidator.Valid.class);
    }

    @Test
    void validate_objectInOneCodeFence_isValid() {
        assertThat(validator.validate("```json\n" + VALID + "\n```", schema)).isInstanceOf(OutputValidator.Valid.class);
    }

    @Test
    void validate_proseAroundObject_isInvalid() {
        assertThat(validator.validate("Here you go: " + VALID, schema)).isInstanceOf(OutputValidator.Invalid.class);
    }

    @Test
    void validate_trailingSecondObject_isInvalid() {
        assertThat(validator.validate(VALID + "{\"action\":\"delete\"}", schema))
                .isInstanceOf(OutputValidator.Invalid.class);
    }

    @Test
    void validate_extraPropertyOrBadEnumOrBadPattern_reportsEachError() {
        String bad = VALID.replace("\"HIGH\"", "\"SEVERE\"")
                .replace("T1204.002", "X1")
                .replace("\"rationale\":\"r\"", "\"rationale\":\"r\",\"actions\":[]");

        OutputValidator.Result result = validator.validate(bad, schema);

        assertThat(result)
                .isInstanceOfSatisfying(
                        OutputValidator.Invalid.class,
                        invalid -> assertThat(invalid.errors())
                                .hasSizeGreaterThanOrEqualTo(3)
                                .anySatisfy(e -> assertThat(e).contains("severity"))
                                .anySatisfy(e -> assertThat(e).contains("actions"))
                                .anySatisfy(e -> assertThat(e).contains("id")));
    }

    @Test
    void validate_duplicateKeys_isInvalid() {
        String duplicated = VALID.replace("{\"category\"", "{\"severity\":\"LOW\",\"category\"");

        assertThat(validator.validate(duplicated, schema)).isInstanceOf(OutputValidator.Invalid.class);
    }

    @Test
    void validate_emptyOrHugeOrNonObject_isInvalid() {
        assertThat(validator.validate("  ", schema)).isInstanceOf(OutputValidator.Invalid.class);
        assertThat(validator.validate("[1,2]", schema)).isInstanceOf(OutputValidator.Invalid.class);
        assertThat(validator.validate(" ".repeat(OutputValidator.MAX_OUTPUT_CHARS) + VALID, schema))
                .isInstanceOf(OutputValidator.Invalid.class);
    }
}
