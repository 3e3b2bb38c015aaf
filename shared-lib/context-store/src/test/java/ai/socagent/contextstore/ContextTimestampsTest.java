package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextTimestampsTest {

    @Test
    void format_instantsInTimeOrder_sortsAsStringsInTheSameOrder() {
        List<Instant> ordered = List.of(
                Instant.parse("0999-01-01T00:00:00Z"),
                Instant.parse("2026-11-26T09:59:59.999999Z"),
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00.000001Z"),
                Instant.parse("2026-11-26T10:00:00.1Z"),
                Instant.parse("2026-11-26T10:00:01Z"));

        List<String> formatted = ordered.stream().map(ContextTimestamps::format).toList();

        assertThat(formatted).isSorted().allSatisfy(s -> assertThat(s).hasSize(27));
    }

    @Test
    void parse_ofFormat_returnsTheInstantAtMicroseconds() {
        Instant instant = Instant.parse("2026-11-26T10:00:00.123456789Z");

        assertThat(ContextTimestamps.parse(ContextTimestamps.format(instant)))
                .isEqualTo(Instant.parse("2026-11-26T10:00:00.123456Z"));
    }

    @Test
    void format_beyondYear9999_isRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContextTimestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void entry_withSeparatorInACompositeKeyPart_isRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InvestigationContextEntry.of("inv", "evi#dence", Instant.EPOCH, "a", "{}"))
                .withMessageContaining("'#'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AgentContextEntry.of("agent", "s\u0000", Instant.EPOCH, "{}"));
    }
}
