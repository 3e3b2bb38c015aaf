package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelAnswerJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void decode_encodedAnswer_givesTheSameAnswer() {
        ModelAnswer answer = new ModelAnswer(
                JSON.createObjectNode().put("category", "MALWARE").put("confidence", 0.5),
                ModelRouting.CLAUDE_35_HAIKU,
                900,
                120,
                Duration.ofMillis(1234),
                "req-1",
                Optional.empty());

        assertThat(ModelAnswerJson.decode(ModelAnswerJson.encode(answer))).isEqualTo(answer);
    }

    @Test
    void decode_fallbackAnswer_keepsItsReason() {
        ModelAnswer answer = new ModelAnswer(
                JSON.createObjectNode(),
                ModelAnswer.OFFLINE_ENGINE,
                0,
                0,
                Duration.ZERO,
                "offline-1",
                Optional.of("why"));

        assertThat(ModelAnswerJson.decode(ModelAnswerJson.encode(answer)).fallbackReason())
                .hasValue("why");
    }

    @Test
    void decode_somethingElse_isRefusedAsIllegalArgument() {
        assertThatThrownBy(() -> ModelAnswerJson.decode("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelAnswerJson.decode("{\"v\":2,\"output\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> ModelAnswerJson.decode(
                        "{\"v\":1,\"output\":{},\"producedBy\":\"m\",\"traceId\":\"t\",\"inputTokens\":-1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
