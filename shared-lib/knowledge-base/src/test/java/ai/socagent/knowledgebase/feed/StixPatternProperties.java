package ai.socagent.knowledgebase.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.socagent.domain.indicator.IndicatorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class StixPatternProperties {

    private static final Map<String, IndicatorType> PATHS = Map.of(
            "ipv4-addr:value", IndicatorType.IPV4,
            "ipv6-addr:value", IndicatorType.IPV6,
            "domain-name:value", IndicatorType.DOMAIN,
            "url:value", IndicatorType.URL,
            "email-addr:value", IndicatorType.EMAIL,
            "file:hashes.'SHA-256'", IndicatorType.SHA256,
            "file:hashes.MD5", IndicatorType.MD5);

    record Comparison(String path, String value, boolean newObservation, boolean or) {}

    /** Equalities grouped into observations at random and joined by AND / OR, in brackets. */
    @Property
    void parse_equalitiesJoinedByAndOr_giveEachObservableOnceInOrderAndNothingUntranslated(
            @ForAll @Size(min = 1, max = 8) List<@From("comparisons") Comparison> comparisons) {
        StringBuilder pattern = new StringBuilder("[");
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            if (i > 0) {
                String operator = c.or() ? " OR " : " AND ";
                pattern.append(c.newObservation() ? "]" + operator + "[" : operator);
            }
            pattern.append(c.path())
                    .append(" = '")
                    .append(c.value().replace("\\", "\\\\").replace("'", "\\'"))
                    .append('\'');
        }
        pattern.append(']');

        StixPattern parsed = StixPattern.parse(pattern.toString());

        LinkedHashSet<StixPattern.Observable> expected = new LinkedHashSet<>();
        comparisons.forEach(c -> expected.add(new StixPattern.Observable(PATHS.get(c.path()), c.value())));
        assertThat(parsed.observables()).containsExactlyElementsOf(new ArrayList<>(expected));
        assertThat(parsed.untranslated()).isEmpty();
    }

    /** Whatever the text, the parser answers or rejects it with IllegalArgumentException. */
    @Property
    void parse_anyText_returnsOrThrowsIllegalArgumentOnly(@ForAll("patternish") String text) {
        assertThatCode(() -> {
                    try {
                        StixPattern.parse(text);
                    } catch (IllegalArgumentException expected) {
                        // a syntax error, reported as MALFORMED by the loader
                    }
                })
                .doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<Comparison> comparisons() {
        return Combinators.combine(
                        Arbitraries.of(List.copyOf(PATHS.keySet())),
                        Arbitraries.strings()
                                .withChars("abc019.:/-'\\ \"[]()")
                                .ofMinLength(0)
                                .ofMaxLength(12),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(Comparison::new);
    }

    @Provide
    Arbitrary<String> patternish() {
        Arbitrary<String> pieces = Arbitraries.of(
                "[",
                "]",
                "(",
                ")",
                ",",
                "'",
                "\\",
                " ",
                "=",
                "!=",
                "<",
                ">=",
                "AND",
                "OR",
                "NOT",
                "FOLLOWEDBY",
                "MATCHES",
                "IN",
                "EXISTS",
                "WITHIN",
                "SECONDS",
                "START",
                "STOP",
                "REPEATS",
                "TIMES",
                "t'",
                "ipv4-addr:value",
                "file:hashes.'SHA-256'",
                "x:y[*].z",
                ":",
                ".",
                "1",
                "-2.5",
                "'a'",
                "true",
                "@");
        return pieces.list().ofMaxSize(14).map(list -> String.join("", list));
    }
}
