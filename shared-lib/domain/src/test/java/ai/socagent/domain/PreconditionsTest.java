package ai.socagent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreconditionsTest {

    @Test
    void requireNonBlank_blank_throwsNamingArgument() {
        assertThatThrownBy(() -> Preconditions.requireNonBlank("  ", "title"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must not be blank");
        assertThatThrownBy(() -> Preconditions.requireNonBlank(null, "title"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("title must not be null");
    }

    @Test
    void requireUuid_nonUuid_throws() {
        assertThat(Preconditions.requireUuid("123e4567-e89b-42d3-a456-426614174000", "id"))
                .isEqualTo("123e4567-e89b-42d3-a456-426614174000");
        assertThatThrownBy(() -> Preconditions.requireUuid("not-a-uuid", "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must be a lowercase UUID");
        assertThat(Preconditions.newId()).matches("[0-9a-f-]{36}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123E4567-e89b-42d3-a456-426614174000", // uppercase
                "123e4567-e89b-42d3-a456-42661417400g", // not hex
                "123e4567xe89b-42d3-a456-426614174000", // no hyphen at 8
                "123e4567-e89b-42d3-a456-4266141740000", // 37 characters
                "123e4567-e89b-42d3-a456-42661417400", // 35 characters
                "123e45670e89b-42d3-a456-42661417400", // hyphen moved
                "123e4567-e89b-42d3-a456:426614174000",
                ""
            })
    void requireUuid_nearMisses_throw(String value) {
        assertThatThrownBy(() -> Preconditions.requireUuid(value, "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must be a lowercase UUID");
    }

    @Test
    void requireUuid_acceptsEveryRandomUuid() {
        for (int i = 0; i < 1_000; i++) {
            String id = java.util.UUID.randomUUID().toString();
            assertThat(Preconditions.requireUuid(id, "id")).isEqualTo(id);
        }
        assertThat(Preconditions.requireUuid("00000000-0000-0000-0000-000000000000", "id"))
                .isNotNull();
        assertThat(Preconditions.requireUuid("ffffffff-ffff-ffff-ffff-ffffffffffff", "id"))
                .isNotNull();
    }

    @Test
    void copyList_nullElement_throwsNamingIndex() {
        List<String> list = Arrays.asList("a", null);
        assertThatThrownBy(() -> Preconditions.copyList(list, "tags"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tags[1] must not be null");
    }

    @Test
    void copyList_laterMutationOfSource_doesNotLeakIntoCopy() {
        List<String> source = new ArrayList<>(List.of("a"));
        List<String> copy = Preconditions.copyList(source, "x");
        source.add("b");
        assertThat(copy).containsExactly("a");
        assertThatThrownBy(() -> copy.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyStringMap_nullValue_throwsNamingKey() {
        Map<String, String> map = new HashMap<>();
        map.put("Name", null);
        assertThatThrownBy(() -> Preconditions.copyStringMap(map, "tags"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tags['Name'] must not be null");
    }

    @Test
    void requireProbability_outsideUnitInterval_throws() {
        assertThat(Preconditions.requireProbability(0.0, "c")).isZero();
        assertThat(Preconditions.requireProbability(1.0, "c")).isEqualTo(1.0);
        assertThatThrownBy(() -> Preconditions.requireProbability(1.01, "confidence"))
                .hasMessageContaining("confidence must be between 0.0 and 1.0");
        assertThatThrownBy(() -> Preconditions.requireProbability(Double.NaN, "confidence"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionalNonBlank_nullOptional_becomesEmptyAndBlankContentThrows() {
        assertThat(Preconditions.optionalNonBlank(null, "arn")).isEmpty();
        assertThatThrownBy(() -> Preconditions.optionalNonBlank(Optional.of(" "), "arn"))
                .hasMessage("arn must not be blank");
    }
}
