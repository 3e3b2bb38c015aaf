package ai.socagent.knowledgebase.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.SampleFeeds;
import ai.socagent.knowledgebase.TechniqueDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixBundleLoaderTest {

    @Test
    void load_sampleBundle_translatesEverySupportedPattern() {
        assertThat(SampleFeeds.stix().indicators())
                .extracting(IntelIndicator::indicator)
                .containsExactly(
                        Indicator.of(IndicatorType.IPV4, "203.0.113.10"),
                        Indicator.of(IndicatorType.DOMAIN, "c2.example.net"),
                        Indicator.of(IndicatorType.URL, "https://c2.example.net/beacon?id=7"),
                        Indicator.of(
                                IndicatorType.SHA256,
                                "aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899"),
                        Indicator.of(IndicatorType.EMAIL, "ceo-urgent@mail.example.com"),
                        Indicator.of(IndicatorType.IPV4, "198.51.100.5"),
                        Indicator.of(IndicatorType.IPV4, "198.51.100.77"),
                        Indicator.of(IndicatorType.DOMAIN, "kit.example.org"));
    }

    @Test
    void load_sampleBundle_countsUnsupportedAndInvalidPatterns() {
        FeedLoadResult result = SampleFeeds.stix();

        assertThat(result.count(FeedProblem.Kind.UNSUPPORTED_PATTERN)).isEqualTo(2);
        assertThat(result.count(FeedProblem.Kind.INVALID_VALUE)).isEqualTo(1);
        assertThat(result.problems())
                .extracting(FeedProblem::location)
                .contains(
                        "indicator--5e8e5ac7-bc7e-4b5d-9e4c-6d6b9d4d2f55",
                        "indicator--6f9f6bd8-cd8f-4c6e-8f5d-7e7cae5e3066",
                        "indicator--7a0a7ce9-de9a-4d7f-9a6e-8f8dbf6f4177");
    }

    @Test
    void load_indicatesRelationships_becomeTechniqueIds() {
        assertThat(SampleFeeds.stix().indicators())
                .filteredOn(intel -> !intel.techniqueIds().isEmpty())
                .extracting(intel -> intel.indicator().value(), IntelIndicator::techniqueIds)
                .containsExactly(
                        tuple("203.0.113.10", List.of("T1071.001")),
                        tuple("c2.example.net", List.of("T1071.001")),
                        tuple("ceo-urgent@mail.example.com", List.of("T1566")),
                        tuple("198.51.100.77", List.of("T1566")),
                        tuple("kit.example.org", List.of("T1566")));
    }

    @Test
    void load_indicatorFields_mapToConfidenceReputationAndValidity() {
        IntelIndicator c2 = SampleFeeds.stix().indicators().getFirst();
        IntelIndicator anomalous = SampleFeeds.stix().indicators().stream()
                .filter(i -> i.indicator().type() == IndicatorType.EMAIL)
                .findFirst()
                .orElseThrow();

        assertThat(c2.confidence()).isEqualTo(0.9);
        assertThat(c2.reputation()).isEqualTo(Reputation.MALICIOUS);
        assertThat(c2.labels()).containsExactly("c2", "malicious-activity");
        assertThat(c2.source()).isEqualTo(SampleFeeds.STIX_FEED);
        assertThat(c2.firstSeen()).hasToString("2026-01-03T00:00:00Z");
        assertThat(anomalous.reputation()).isEqualTo(Reputation.SUSPICIOUS);
        assertThat(anomalous.lastSeen()).isNull();
    }

    @Test
    void load_attackPatterns_becomeTechniquesAndThoseWithoutIdAreReported() {
        FeedLoadResult result = SampleFeeds.stix();

        assertThat(result.techniques())
                .extracting(TechniqueDocument::id, TechniqueDocument::tactics)
                .containsExactly(
                        tuple("T1071.001", List.of("command-and-control")), tuple("T1566", List.of("initial-access")));
        assertThat(result.problems())
                .filteredOn(p -> p.kind() == FeedProblem.Kind.MALFORMED)
                .extracting(FeedProblem::location)
                .containsExactly("attack-pattern--00000000-0000-4000-8000-000000000001");
    }

    @Test
    void load_notABundle_throwsIllegalArgument() {
        assertThatThrownBy(() ->
                        StixBundleLoader.load(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objects");
    }

    @Test
    void load_orOfTwoObservables_givesTwoIndicatorsSharingTheStixIndicatorsIntelligence() {
        FeedLoadResult result =
                loadPattern("[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'Evil.Example.']");

        assertThat(result.problems()).isEmpty();
        assertThat(result.indicators())
                .extracting(IntelIndicator::indicator)
                .containsExactly(
                        Indicator.of(IndicatorType.IPV4, "198.51.100.7"),
                        Indicator.of(IndicatorType.DOMAIN, "evil.example"));
        assertThat(result.indicators())
                .extracting(
                        IntelIndicator::confidence,
                        IntelIndicator::labels,
                        IntelIndicator::techniqueIds,
                        IntelIndicator::reputation)
                .containsOnly(
                        tuple(0.75, List.of("botnet", "malicious-activity"), List.of("T1105"), Reputation.MALICIOUS));
    }

    @Test
    void load_andOfTwoObservations_givesAnIndicatorPerObservable() {
        String hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        FeedLoadResult result = loadPattern(
                "[file:hashes.'SHA-256' = '" + hash + "'] AND [url:value = 'http://dl.example.net/a\\'b.bin']");

        assertThat(result.problems()).isEmpty();
        assertThat(result.indicators())
                .extracting(IntelIndicator::indicator)
                .containsExactly(
                        Indicator.of(IndicatorType.SHA256, hash),
                        Indicator.of(IndicatorType.URL, "http://dl.example.net/a'b.bin"));
    }

    @Test
    void load_inSetAndNestedParentheses_giveEveryValueOnce() {
        FeedLoadResult result = loadPattern("([ipv4-addr:value IN ('198.51.100.1', '198.51.100.2')] OR"
                + " [(file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND ipv4-addr:value = '198.51.100.1')])");

        assertThat(result.problems()).isEmpty();
        assertThat(result.indicators())
                .extracting(intel -> intel.indicator().value())
                .containsExactly("198.51.100.1", "198.51.100.2", "d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void load_matchesFollowedByAndWithin_loadsTheEqualitiesAndReportsEachOtherPart() {
        FeedLoadResult result = loadPattern("[file:name MATCHES '^invoice.*\\\\.exe$' AND"
                + " file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e'] FOLLOWEDBY"
                + " [domain-name:value = 'beacon.example.net'] WITHIN 600 SECONDS");

        assertThat(result.indicators())
                .extracting(intel -> intel.indicator().value())
                .containsExactly("d41d8cd98f00b204e9800998ecf8427e", "beacon.example.net");
        assertThat(result.problems())
                .extracting(FeedProblem::kind, FeedProblem::location)
                .containsOnly(tuple(FeedProblem.Kind.UNSUPPORTED_PATTERN, INDICATOR_ID));
        assertThat(result.problems())
                .extracting(FeedProblem::reason)
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).contains("file:name MATCHES"),
                        reason -> assertThat(reason).contains("FOLLOWEDBY"),
                        reason -> assertThat(reason).contains("WITHIN 600 SECONDS"));
    }

    @Test
    void load_onlyUnsupportedOperators_loadsNothingAndReportsEveryComparison() {
        FeedLoadResult result = loadPattern("[domain-name:value LIKE '%.example.net' OR ipv4-addr:value ISSUBSET"
                + " '198.51.100.0/24' OR url:value != 'http://ok.example/' OR ipv4-addr:value NOT = '198.51.100.9'"
                + " OR network-traffic:dst_port = 443] START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'");

        assertThat(result.indicators()).isEmpty();
        assertThat(result.problems())
                .extracting(FeedProblem::reason)
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("LIKE"),
                        reason -> assertThat(reason).contains("ISSUBSET"),
                        reason -> assertThat(reason).contains("!="),
                        reason -> assertThat(reason).contains("NOT ="),
                        reason -> assertThat(reason)
                                .contains("network-traffic:dst_port")
                                .contains("object path"),
                        reason -> assertThat(reason).contains("START t'2026-01-01T00:00:00Z'"));
        assertThat(result.count(FeedProblem.Kind.UNSUPPORTED_PATTERN)).isEqualTo(6);
    }

    @Test
    void load_invalidObservableBesideValidOne_loadsTheValidOneAndReportsTheOther() {
        FeedLoadResult result = loadPattern("[ipv4-addr:value = '198.51.100.300' OR ipv4-addr:value = '198.51.100.3']");

        assertThat(result.indicators())
                .extracting(intel -> intel.indicator().value())
                .containsExactly("198.51.100.3");
        assertThat(result.problems()).extracting(FeedProblem::kind).containsExactly(FeedProblem.Kind.INVALID_VALUE);
    }

    @Test
    void load_unparsablePattern_isReportedMalformed() {
        for (String pattern : List.of(
                "[ipv4-addr:value = '198.51.100.1'",
                "[ipv4-addr:value = '198.51.100.1'] AND",
                "[ipv4-addr:value '198.51.100.1']",
                "ipv4-addr:value = '198.51.100.1'",
                "[ipv4-addr:value = 'unterminated]")) {
            FeedLoadResult result = loadPattern(pattern);

            assertThat(result.indicators()).as(pattern).isEmpty();
            assertThat(result.problems()).as(pattern).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(FeedProblem.Kind.MALFORMED);
                assertThat(p.reason()).startsWith("invalid STIX pattern");
            });
        }
    }

    private static final String INDICATOR_ID = "indicator--11111111-2222-4333-8444-555555555555";

    /** A bundle with one indicator of this pattern (confidence 75, label botnet) indicating T1105. */
    private static FeedLoadResult loadPattern(String pattern) {
        String bundle = """
                {"type": "bundle", "id": "bundle--11111111-2222-4333-8444-000000000000", "objects": [
                  {"type": "attack-pattern", "id": "attack-pattern--11111111-2222-4333-8444-000000000001",
                   "name": "Ingress Tool Transfer",
                   "external_references": [{"source_name": "mitre-attack", "external_id": "T1105"}]},
                  {"type": "indicator", "id": "%s", "labels": ["botnet"], "indicator_types": ["malicious-activity"],
                   "confidence": 75, "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z", "pattern": %s},
                  {"type": "relationship", "id": "relationship--11111111-2222-4333-8444-000000000002",
                   "relationship_type": "indicates", "source_ref": "%s",
                   "target_ref": "attack-pattern--11111111-2222-4333-8444-000000000001"}]}
                """.formatted(INDICATOR_ID, json(pattern), INDICATOR_ID);
        return StixBundleLoader.load(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "inline");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
