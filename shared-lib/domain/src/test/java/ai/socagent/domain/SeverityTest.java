package ai.socagent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({
        "0.0, INFORMATIONAL",
        "0.99, INFORMATIONAL",
        "1.0, LOW",
        "3.9, LOW",
        "3.99, LOW",
        "4.0, MEDIUM",
        "6.9, MEDIUM",
        "7.0, HIGH",
        "8.9, HIGH",
        "8.99, HIGH",
        "9.0, CRITICAL",
        "10.0, CRITICAL"
    })
    void fromGuardDutyScore_bandBoundaries_mapToDocumentedBand(double score, Severity expected) {
        assertThat(Severity.fromGuardDutyScore(score)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 10.01, 100, Double.NaN, Double.POSITIVE_INFINITY})
    void fromGuardDutyScore_outsideZeroToTen_throws(double score) {
        assertThatThrownBy(() -> Severity.fromGuardDutyScore(score))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GuardDuty severity score");
    }

    @ParameterizedTest
    @CsvSource({
        "0, INFORMATIONAL",
        "1, LOW",
        "39, LOW",
        "40, MEDIUM",
        "69, MEDIUM",
        "70, HIGH",
        "89, HIGH",
        "90, CRITICAL",
        "100, CRITICAL"
    })
    void fromAsffNormalized_bandBoundaries_mapToDocumentedBand(int normalized, Severity expected) {
        assertThat(Severity.fromAsffNormalized(normalized)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MAX_VALUE})
    void fromAsffNormalized_outsideRange_throws(int normalized) {
        assertThatThrownBy(() -> Severity.fromAsffNormalized(normalized)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1, INFORMATIONAL", "2, LOW", "3, MEDIUM", "4, HIGH", "5, CRITICAL", "6, CRITICAL"})
    void fromOcsfSeverityId_definedIds_mapToSeverity(int id, Severity expected) {
        assertThat(Severity.fromOcsfSeverityId(id)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99})
    void fromOcsfSeverityId_unknownOrOther_isEmpty(int id) {
        assertThat(Severity.fromOcsfSeverityId(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, 98, 100})
    void fromOcsfSeverityId_undefinedId_throws(int id) {
        assertThatThrownBy(() -> Severity.fromOcsfSeverityId(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(id));
    }

    @ParameterizedTest
    @CsvSource({
        "critical, CRITICAL",
        "High, HIGH",
        "' medium ', MEDIUM",
        "low, LOW",
        "INFORMATIONAL, INFORMATIONAL",
        "Informational, INFORMATIONAL",
        "info, INFORMATIONAL",
        "INFO, INFORMATIONAL"
    })
    void parseLabel_anyCase_parses(String label, Severity expected) {
        assertThat(Severity.parseLabel(label)).isEqualTo(expected);
    }

    @Test
    void parseLabel_unknownLabel_throwsListingLabels() {
        assertThatThrownBy(() -> Severity.parseLabel("severe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("severe")
                .hasMessageContaining("INFORMATIONAL");
        assertThat(Severity.tryParseLabel("")).isEqualTo(Optional.empty());
    }

    @Test
    void isAtLeast_anyPair_comparesByLevelNotDeclarationOrder() {
        assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.LOW.isAtLeast(Severity.MEDIUM)).isFalse();
        assertThat(Severity.MEDIUM.isAtLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.INFORMATIONAL.level()).isZero();
        assertThat(Severity.CRITICAL.level()).isEqualTo(4);
    }

    @Test
    void asffNormalized_eachLabel_roundTripsThroughFromAsffNormalized() {
        for (Severity severity : Severity.values()) {
            assertThat(Severity.fromAsffNormalized(severity.asffNormalized())).isEqualTo(severity);
        }
    }
}
