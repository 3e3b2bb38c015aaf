package ai.socagent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class SeverityProperties {

    @Property
    void fromGuardDutyScore_higherScore_neverLowerSeverity(
            @ForAll @DoubleRange(min = 0, max = 10) double a, @ForAll @DoubleRange(min = 0, max = 10) double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        assertThat(Severity.fromGuardDutyScore(high).level())
                .isGreaterThanOrEqualTo(Severity.fromGuardDutyScore(low).level());
    }

    @Property
    void fromAsffNormalized_higherValue_neverLowerSeverity(
            @ForAll @IntRange(min = 0, max = 100) int a, @ForAll @IntRange(min = 0, max = 100) int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        assertThat(Severity.fromAsffNormalized(high).level())
                .isGreaterThanOrEqualTo(Severity.fromAsffNormalized(low).level());
    }

    @Property
    void fromOcsfSeverityId_higherDefinedId_neverLowerSeverity(
            @ForAll @IntRange(min = 1, max = 6) int a, @ForAll @IntRange(min = 1, max = 6) int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        assertThat(Severity.fromOcsfSeverityId(high).orElseThrow().level())
                .isGreaterThanOrEqualTo(
                        Severity.fromOcsfSeverityId(low).orElseThrow().level());
    }

    @Property
    void parseLabel_nameInAnyCase_parsesToConstant(@ForAll Severity severity, @ForAll boolean lower) {
        String label = lower ? severity.name().toLowerCase(java.util.Locale.ROOT) : severity.name();
        assertThat(Severity.parseLabel(label)).isEqualTo(severity);
    }
}
