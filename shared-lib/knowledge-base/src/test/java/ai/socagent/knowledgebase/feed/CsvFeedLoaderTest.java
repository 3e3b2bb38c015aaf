package ai.socagent.knowledgebase.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.SampleFeeds;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFeedLoaderTest {

    @Test
    void load_sampleFeed_loadsValidRowsNormalised() {
        FeedLoadResult result = SampleFeeds.csv();

        assertThat(result.indicators())
                .extracting(IntelIndicator::indicator)
                .containsExactly(
                        Indicator.of(IndicatorType.IPV4, "198.51.100.23"),
                        Indicator.of(IndicatorType.IPV4, "203.0.113.77"),
                        Indicator.of(IndicatorType.DOMAIN, "login-update.example.com"),
                        Indicator.of(IndicatorType.URL, "http://malware.example.net/payload.bin"),
                        Indicator.of(
                                IndicatorType.SHA256,
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                        Indicator.of(IndicatorType.EMAIL, "billing@invoices.example.org"),
                        Indicator.of(IndicatorType.DOMAIN, "cdn.example.com"));
        assertThat(result.techniques()).isEmpty();
    }

    @Test
    void load_sampleFeed_reportsEveryBadRowWithItsLineNumber() {
        assertThat(SampleFeeds.csv().problems())
                .extracting(FeedProblem::location, FeedProblem::kind)
                .containsExactly(
                        tuple("line 10", FeedProblem.Kind.INVALID_VALUE),
                        tuple("line 11", FeedProblem.Kind.MALFORMED),
                        tuple("line 12", FeedProblem.Kind.INVALID_VALUE),
                        tuple("line 13", FeedProblem.Kind.MALFORMED),
                        tuple("line 15", FeedProblem.Kind.MALFORMED));
    }

    @Test
    void load_confidenceLabelsAndBlankSource_deriveReputationAndFeedName() {
        List<IntelIndicator> indicators = SampleFeeds.csv().indicators();

        assertThat(indicators.get(0).reputation()).isEqualTo(Reputation.MALICIOUS);
        assertThat(indicators.get(0).confidence()).isEqualTo(0.9);
        assertThat(indicators.get(0).firstSeen()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(indicators.get(1).reputation()).isEqualTo(Reputation.SUSPICIOUS);
        assertThat(indicators.get(1).source()).isEqualTo(SampleFeeds.CSV_FEED);
        assertThat(indicators.get(5).labels()).containsExactly("phishing", "bec");
        assertThat(indicators.get(6).reputation()).isEqualTo(Reputation.BENIGN);
    }

    @Test
    void load_wrongHeader_loadsNothingAndReportsLineOne() {
        FeedLoadResult result = CsvFeedLoader.load(new StringReader("ip,score\n198.51.100.1,90\n"), "bad");

        assertThat(result.indicators()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location()).isEqualTo("line 1");
            assertThat(problem.reason()).contains("header must be");
        });
    }

    @Test
    void load_techniquesColumnAndQuotedUrlWithComma_readsBoth() {
        String csv = "type,value,confidence,source,labels,first_seen,last_seen,techniques\n"
                + "url,\"https://example.com/a,b?x=\"\"1\"\"\",70,f,,,,T1071.001;t1105\n";

        FeedLoadResult result = CsvFeedLoader.load(new StringReader(csv), "f");

        assertThat(result.problems()).isEmpty();
        assertThat(result.indicators()).singleElement().satisfies(intel -> {
            assertThat(intel.indicator().value()).isEqualTo("https://example.com/a,b?x=\"1\"");
            assertThat(intel.techniqueIds()).containsExactly("T1071.001", "T1105");
        });
    }

    @Test
    void load_lastSeenBeforeFirstSeen_reportsMalformedRow() {
        String csv = "type,value,confidence,source,labels,first_seen,last_seen\n"
                + "ipv4,198.51.100.9,70,f,,2026-02-01,2026-01-01\n";

        FeedLoadResult result = CsvFeedLoader.load(new StringReader(csv), "f");

        assertThat(result.indicators()).isEmpty();
        assertThat(result.count(FeedProblem.Kind.MALFORMED)).isEqualTo(1);
        assertThat(result.problems().getFirst().location()).isEqualTo("line 2");
    }
}
