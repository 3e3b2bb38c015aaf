package ai.socagent.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link KnowledgeBase} implementation must show. Loads the shipped ATT&CK
 * techniques and the sample feeds once per class; tests that write use indicators of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KnowledgeBaseContract {

    protected KnowledgeBase knowledgeBase;

    /** A new, empty knowledge base. */
    protected abstract KnowledgeBase newKnowledgeBase();

    /** Removes what {@link #newKnowledgeBase()} created and closes it. */
    protected abstract void dispose(KnowledgeBase knowledgeBase);

    @BeforeAll
    void loadAttackAndSampleFeeds() {
        knowledgeBase = newKnowledgeBase();
        knowledgeBase.indexAttack(AttackKnowledge.embedded());
        knowledgeBase.indexIndicators(SampleFeeds.csv().indicators());
        knowledgeBase.indexIndicators(SampleFeeds.stix().indicators());
    }

    @AfterAll
    void disposeKnowledgeBase() {
        if (knowledgeBase != null) {
            dispose(knowledgeBase);
        }
    }

    @Test
    void findTechnique_knownId_returnsAttackTechnique() {
        assertThat(knowledgeBase.findTechnique("T1078")).hasValueSatisfying(t -> {
            assertThat(t.name()).isEqualTo("Valid Accounts");
            assertThat(t.tactics()).contains("initial-access", "persistence");
            assertThat(t.platforms()).contains("IaaS");
            assertThat(t.description()).contains("credentials");
        });
    }

    @Test
    void findTechnique_lowerCaseSubTechniqueId_returnsSubTechnique() {
        assertThat(knowledgeBase.findTechnique(" t1071.001 "))
                .map(TechniqueDocument::name)
                .hasValue("Web Protocols");
    }

    @Test
    void findTechnique_unknownId_returnsEmpty() {
        assertThat(knowledgeBase.findTechnique("T9999")).isEmpty();
    }

    @Test
    void findTechnique_parentIdOfSubTechnique_returnsOnlyTheParent() {
        assertThat(knowledgeBase.findTechnique("T1071"))
                .map(TechniqueDocument::id)
                .hasValue("T1071");
    }

    @Test
    void searchTechniques_portScans_findsNetworkServiceDiscoveryInTopFive() {
        assertThat(knowledgeBase.searchTechniques("port scans", 5))
                .extracting(TechniqueDocument::id)
                .contains("T1046");
    }

    @Test
    void searchTechniques_techniqueName_ranksThatTechniqueFirst() {
        assertThat(knowledgeBase.searchTechniques("Spearphishing Attachment", 3))
                .first()
                .extracting(TechniqueDocument::id)
                .isEqualTo("T1566.001");
    }

    @Test
    void searchTechniques_upperCaseText_matchesLikeLowerCase() {
        assertThat(knowledgeBase.searchTechniques("CREDENTIAL DUMPING LSASS", 5))
                .extracting(TechniqueDocument::id)
                .isEqualTo(knowledgeBase.searchTechniques("credential dumping lsass", 5).stream()
                        .map(TechniqueDocument::id)
                        .toList())
                .isNotEmpty();
    }

    @Test
    void searchTechniques_limit_returnsAtMostLimit() {
        assertThat(knowledgeBase.searchTechniques("adversaries may", 7)).hasSize(7);
    }

    @Test
    void searchTechniques_blankOrUnknownWords_returnsEmpty() {
        assertThat(knowledgeBase.searchTechniques("   ", 5)).isEmpty();
        assertThat(knowledgeBase.searchTechniques("qwertyzzz xyzzyplugh", 5)).isEmpty();
    }

    @Test
    void findIndicator_csvIpv4_returnsFeedIntelligence() {
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.IPV4, "198.51.100.23")))
                .hasValue(new IntelIndicator(
                        Indicator.of(IndicatorType.IPV4, "198.51.100.23"),
                        Reputation.MALICIOUS,
                        0.9,
                        SampleFeeds.CSV_FEED,
                        List.of("c2", "cobalt-strike"),
                        Instant.parse("2026-01-05T00:00:00Z"),
                        Instant.parse("2026-02-10T08:30:00Z"),
                        List.of()));
    }

    @Test
    void findIndicator_differentlySpelledDomain_findsNormalisedValue() {
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.DOMAIN, "LOGIN-UPDATE.example.com.")))
                .hasValueSatisfying(intel -> assertThat(intel.labels()).containsExactly("phishing"));
    }

    @Test
    void findIndicator_stixIpWithIndicatesRelationship_carriesTechniqueId() {
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.IPV4, "203.0.113.10")))
                .hasValueSatisfying(intel -> {
                    assertThat(intel.source()).isEqualTo(SampleFeeds.STIX_FEED);
                    assertThat(intel.techniqueIds()).containsExactly("T1071.001");
                    assertThat(intel.lastSeenAt()).hasValue(Instant.parse("2026-06-30T00:00:00Z"));
                });
    }

    @Test
    void findIndicator_stixSha256InUpperCase_isFoundByLowerCaseHash() {
        String hash = "aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899";
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.SHA256, hash)))
                .map(IntelIndicator::labels)
                .hasValueSatisfying(labels -> assertThat(labels).contains("dropper"));
    }

    @Test
    void findIndicator_sameValueOtherType_returnsEmpty() {
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.URL, "http://c2.example.net/")))
                .isEmpty();
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.DOMAIN, "c2.example.net")))
                .isPresent();
    }

    @Test
    void findIndicator_unknownIndicator_returnsEmpty() {
        assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.IPV4, "192.0.2.1")))
                .isEmpty();
    }

    @Test
    void indicatorsForTechnique_techniqueIdOfStixRelationships_returnsIndicatedObservables() {
        assertThat(knowledgeBase.indicatorsForTechnique("t1071.001", 10))
                .extracting(intel -> intel.indicator().value())
                .containsExactlyInAnyOrder("203.0.113.10", "c2.example.net");
        assertThat(knowledgeBase.indicatorsForTechnique("T1071", 10)).isEmpty();
    }

    @Test
    void indexIndicators_sameIndicatorAgain_replacesEarlierIntelligence() {
        Indicator indicator = Indicator.of(IndicatorType.IPV4, "203.0.113.200");
        IntelIndicator first =
                new IntelIndicator(indicator, Reputation.SUSPICIOUS, 0.3, "feed-a", List.of(), null, null, List.of());
        IntelIndicator second = new IntelIndicator(
                indicator, Reputation.MALICIOUS, 0.95, "feed-b", List.of("botnet"), null, null, List.of("T1105"));

        knowledgeBase.indexIndicators(List.of(first));
        knowledgeBase.indexIndicators(List.of(second));

        assertThat(knowledgeBase.findIndicator(indicator)).hasValue(second);
        assertThat(knowledgeBase.indicatorsForTechnique("T1105", 10)).containsExactly(second);
    }

    @Test
    void indexTechniques_newTechnique_isFoundByIdAndText() {
        TechniqueDocument custom = new TechniqueDocument(
                "T9001",
                "Zygomorphic Exfiltration",
                List.of("exfiltration"),
                "A made-up technique for the contract tests.",
                List.of("Linux"));

        knowledgeBase.indexTechniques(List.of(custom));

        assertThat(knowledgeBase.findTechnique("T9001")).hasValue(custom);
        assertThat(knowledgeBase.searchTechniques("zygomorphic", 5)).containsExactly(custom);
    }
}
