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
