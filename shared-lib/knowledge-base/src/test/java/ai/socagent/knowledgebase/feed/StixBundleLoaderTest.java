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
                        Indicator.of(IndicatorType.EMAIL, "ceo-urgent@mail.example.com"));
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
                        tuple("ceo-urgent@mail.example.com", List.of("T1566")));
    }

    @Test
    void load_indicatorFields_mapToConfidenceReputationAndValidity() {
        IntelIndicator c2 = SampleFeeds.stix().indicators().getFirst();
        IntelIndicator anomalous = SampleFeeds.stix().indicators().getLast();

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
}
