package ai.socagent.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.attack.AttackActor;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Mitigation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link KnowledgeBase} implementation must show. Loads the shipped ATT&CK
 * extract (techniques, mitigations, groups, software, campaigns) and the sample feeds once per
 * class; tests that write use indicators and objects of their own, or a fresh knowledge base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KnowledgeBaseContract {

    protected KnowledgeBase knowledgeBase;

    /** A new, empty knowledge base. */
    protected abstract KnowledgeBase newKnowledgeBase();

    /** Removes what {@link #newKnowledgeBase()} created and closes it. */
    protected abstract void dispose(KnowledgeBase knowledgeBase);

    private static final AttackKnowledge ATTACK = AttackKnowledge.embedded();

    @BeforeAll
    void loadAttackAndSampleFeeds() {
        knowledgeBase = newKnowledgeBase();
        knowledgeBase.indexAttack(ATTACK);
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
    void findIndicator_bothObservablesOfAStixOrPattern_shareItsIntelligence() {
        IntelIndicator byAddress = knowledgeBase
                .findIndicator(Indicator.of(IndicatorType.IPV4, "198.51.100.77"))
                .orElseThrow();
        IntelIndicator byName = knowledgeBase
                .findIndicator(Indicator.of(IndicatorType.DOMAIN, "kit.example.org"))
                .orElseThrow();

        assertThat(List.of(byAddress, byName))
                .extracting(IntelIndicator::labels, IntelIndicator::confidence, IntelIndicator::techniqueIds)
                .containsOnly(tuple(List.of("phishing-kit", "malicious-activity"), 0.8, List.of("T1566")));
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

    @Test
    void findAttackObject_mitigationId_returnsMitigationWithMitigatedTechniques() {
        assertThat(knowledgeBase.findAttackObject("M1032")).hasValueSatisfying(m -> {
            assertThat(m.type()).isEqualTo(AttackObject.Type.MITIGATION);
            assertThat(m.name()).isEqualTo("Multi-factor Authentication");
            assertThat(m.techniqueIds()).contains("T1078", "T1110").hasSize(48);
            assertThat(m.description())
                    .isNotBlank()
                    .isEqualTo(ATTACK.mitigation("M1032").orElseThrow().description());
        });
    }

    @Test
    void findAttackObject_lowerCaseGroupId_returnsGroupWithAliasesAndUsedTechniques() {
        assertThat(knowledgeBase.findAttackObject(" g0016 ")).hasValueSatisfying(g -> {
            assertThat(g.type()).isEqualTo(AttackObject.Type.GROUP);
            assertThat(g.name()).isEqualTo("APT29");
            assertThat(g.aliases()).contains("Cozy Bear", "NOBELIUM");
            assertThat(g.techniqueIds())
                    .isEqualTo(ATTACK.actor("G0016").orElseThrow().techniques().stream()
                            .sorted()
                            .toList());
        });
    }

    @Test
    void findAttackObject_softwareId_returnsMalwareEqualToTheExtract() {
        assertThat(knowledgeBase.findAttackObject("S0154"))
                .hasValue(AttackObject.from(ATTACK.actor("S0154").orElseThrow()));
    }

    @Test
    void findAttackObject_unknownOrTechniqueId_returnsEmpty() {
        assertThat(knowledgeBase.findAttackObject("M9999")).isEmpty();
        assertThat(knowledgeBase.findAttackObject("T1078")).isEmpty();
    }

    @Test
    void mitigationsFor_technique_returnsTheExtractsMitigationsById() {
        List<String> expected = ATTACK.mitigationsOf(ATTACK.technique("T1078").orElseThrow()).stream()
                .map(m -> m.id())
                .sorted()
                .toList();

        assertThat(knowledgeBase.mitigationsFor("t1078", 50))
                .extracting(AttackObject::id)
                .isEqualTo(expected)
                .contains("M1032");
    }

    @Test
    void groupsUsing_technique_returnsOnlyGroupsThatUseItById() {
        List<String> expected = ATTACK.actorsUsing("T1566.001").stream()
                .filter(a -> a.kind().equals("group"))
                .map(a -> a.id())
                .sorted()
                .toList();

        assertThat(knowledgeBase.groupsUsing("T1566.001", 500))
                .extracting(AttackObject::id)
                .isEqualTo(expected)
                .contains("G0016");
        assertThat(knowledgeBase.groupsUsing("T1566.001", 3))
                .extracting(AttackObject::id)
                .isEqualTo(expected.subList(0, 3));
    }

    @Test
    void softwareUsing_technique_returnsMalwareAndToolsOnly() {
        List<AttackObject> software = knowledgeBase.softwareUsing("T1071.001", 1000);

        assertThat(software).extracting(AttackObject::id).contains("S0154");
        assertThat(software)
                .extracting(AttackObject::type)
                .containsOnly(AttackObject.Type.MALWARE, AttackObject.Type.TOOL);
        assertThat(software)
                .allSatisfy(s -> assertThat(s.relatesTo("T1071.001")).isTrue());
        assertThat(software).hasSize((int) ATTACK.actorsUsing("T1071.001").stream()
                .filter(a -> a.kind().equals("malware") || a.kind().equals("tool"))
                .count());
    }

    @Test
    void relatedToTechniques_severalTechniques_ranksGroupsUsingMostOfThemFirstThenById() {
        List<String> techniques = List.of("T1078", "T1566.001", "T1059.001", "T1003.001");
        List<String> expected = ATTACK.groups().stream()
                .filter(g -> techniques.stream().anyMatch(g.techniques()::contains))
                .sorted(Comparator.comparingLong((AttackActor g) -> -techniques.stream()
                                .filter(g.techniques()::contains)
                                .count())
                        .thenComparing(AttackActor::id))
                .map(AttackActor::id)
                .limit(10)
                .toList();

        assertThat(knowledgeBase.relatedToTechniques(techniques, EnumSet.of(AttackObject.Type.GROUP), 10))
                .extracting(AttackObject::id)
                .isEqualTo(expected)
                .hasSize(10);
    }

    @Test
    void relatedToTechniques_noTypes_returnsEveryKindAndNothingForNoTechniques() {
        assertThat(knowledgeBase.relatedToTechniques(List.of("T1078"), Set.of(), 1000))
                .extracting(AttackObject::type)
                .contains(AttackObject.Type.MITIGATION, AttackObject.Type.GROUP, AttackObject.Type.MALWARE);
        assertThat(knowledgeBase.relatedToTechniques(List.of(), Set.of(), 10)).isEmpty();
        assertThat(knowledgeBase.relatedToTechniques(List.of("T9999"), Set.of(), 10))
                .isEmpty();
    }

    @Test
    void searchAttackObjects_alias_findsTheGroupFirst() {
        assertThat(knowledgeBase.searchAttackObjects("Nobelium", Set.of(), 3))
                .first()
                .extracting(AttackObject::id)
                .isEqualTo("G0016");
    }

    @Test
    void searchAttackObjects_typeFilter_returnsOnlyThoseTypes() {
        assertThat(knowledgeBase.searchAttackObjects(
                        "multi factor authentication", EnumSet.of(AttackObject.Type.MITIGATION), 3))
                .first()
                .extracting(AttackObject::id)
                .isEqualTo("M1032");
        assertThat(knowledgeBase.searchAttackObjects("cobalt strike", AttackObject.Type.SOFTWARE, 5))
                .extracting(AttackObject::id)
                .contains("S0154");
        assertThat(knowledgeBase.searchAttackObjects("cobalt strike", EnumSet.of(AttackObject.Type.GROUP), 20))
                .extracting(AttackObject::type)
                .containsOnly(AttackObject.Type.GROUP);
    }

    @Test
    void searchAttackObjects_wordOnlyInTheDescription_findsThatObjectAlone() {
        // The texts of every ATT&CK object, straight from the extract: id -> name, aliases, description.
        Map<String, List<String>> texts = Stream.concat(
                        ATTACK.mitigations().stream().map(m -> Map.entry(m.id(), List.of(m.name(), m.description()))),
                        Stream.of(ATTACK.groups(), ATTACK.software(), ATTACK.campaigns())
                                .flatMap(List::stream)
                                .map(a -> Map.entry(
                                        a.id(),
                                        Stream.concat(Stream.of(a.name(), a.description()), a.aliases().stream())
                                                .toList())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        for (String id : List.of("M1032", "G0016", "S0154", "C0024")) {
            String description = ATTACK.mitigation(id)
                    .map(Mitigation::description)
                    .or(() -> ATTACK.actor(id).map(AttackActor::description))
                    .orElseThrow();
            String word = wordOnlyIn(description, id, texts)
                    .orElseThrow(() -> new AssertionError("no word only in the description of " + id));

            assertThat(knowledgeBase.searchAttackObjects(word, Set.of(), 5))
                    .as("search for '%s', a word of %s's description only", word, id)
                    .extracting(AttackObject::id)
                    .containsExactly(id);
        }
    }

    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]{6,}");

    /**
     * A whole word (six letters or more, so that the standard analyzer keeps it as one token) of
     * the description that appears nowhere else, not even inside another word: not in the object's
     * name or aliases, not in any other object's name, aliases or description.
     */
    private static Optional<String> wordOnlyIn(String description, String id, Map<String, List<String>> texts) {
        String elsewhere = texts.entrySet().stream()
                .flatMap(e -> e.getKey().equals(id)
                        ? e.getValue().stream().filter(text -> !text.equals(description))
                        : e.getValue().stream())
                .collect(Collectors.joining("\n"))
                .toLowerCase(Locale.ROOT);
        return Stream.of(description.toLowerCase(Locale.ROOT).split("\\s+"))
                .map(word -> word.replaceAll("^[\"“(]+|[.,;:)\"”]+$", ""))
                .filter(word -> PLAIN_WORD.matcher(word).matches())
                .filter(word -> !elsewhere.contains(word))
                .findFirst();
    }

    @Test
    void searchAttackObjects_blankOrUnknownWords_returnsEmpty() {
        assertThat(knowledgeBase.searchAttackObjects(" ", Set.of(), 5)).isEmpty();
        assertThat(knowledgeBase.searchAttackObjects("qwertyzzz", Set.of(), 5)).isEmpty();
    }

    @Test
    void indexAttackObjects_newObject_isFoundByIdTextAndTechnique() {
        AttackObject custom = new AttackObject(
                "G9001",
                AttackObject.Type.GROUP,
                "Zygomorphic Panda",
                List.of("Contract Kitten"),
                "A made-up group for the contract tests.",
                List.of("T1046", "t1078"));

        knowledgeBase.indexAttackObjects(List.of(custom));

        assertThat(knowledgeBase.findAttackObject("G9001")).hasValue(custom);
        assertThat(knowledgeBase.searchAttackObjects("contract kitten", Set.of(), 1))
                .containsExactly(custom);
        assertThat(knowledgeBase.groupsUsing("T1046", 1000)).contains(custom);
    }

    @Test
    void rankTechniques_lsassDumpText_ranksLsassMemoryFirstWithEvidence() {
        List<TechniqueMatch> matches = knowledgeBase.rankTechniques(
                "The attacker ran mimikatz to dump credentials from LSASS process memory", 3);

        assertThat(matches).isNotEmpty();
        TechniqueMatch best = matches.get(0);
        assertThat(best.technique().id()).isEqualTo("T1003.001");
        assertThat(best.technique().name()).isEqualTo("LSASS Memory");
        assertThat(best.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(best.matchedTerms()).contains("lsass");
        assertThat(best.evidence()).isNotBlank();
        assertThat(best.rationale()).contains("lsass");
    }

    @Test
    void rankTechniques_bruteForceText_ranksBruteForceFamilyInTopThree() {
        List<TechniqueMatch> matches = knowledgeBase.rankTechniques(
                "Many failed SSH logins: password guessing brute force against the server", 3);

        assertThat(matches).extracting(m -> m.technique().id().substring(0, 5)).contains("T1110");
    }

    @Test
    void rankTechniques_results_areOrderedByDescendingScoreAndLimited() {
        List<TechniqueMatch> matches = knowledgeBase.rankTechniques("scheduled task created for persistence", 5);

        assertThat(matches).hasSize(5);
        assertThat(matches).extracting(TechniqueMatch::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(matches.get(0).technique().id()).startsWith("T1053");
        assertThat(matches).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
    }

    @Test
    void rankTechniques_blankTextUnknownWordsOrZeroLimit_isEmpty() {
        assertThat(knowledgeBase.rankTechniques("   ", 3)).isEmpty();
        assertThat(knowledgeBase.rankTechniques("zzqxv qqqzzv", 3)).isEmpty();
        assertThat(knowledgeBase.rankTechniques("powershell", 0)).isEmpty();
        assertThat(knowledgeBase.rankTechniques("powershell", List.of())).isEmpty();
    }

    @Test
    void rankTechniques_givenTechniques_returnsOnlyThoseTheTextMatchesInGivenOrder() {
        List<TechniqueMatch> ranked = knowledgeBase.rankTechniques(
                "outbound DNS queries carrying exfiltrated data", List.of("T1048.003", "T9999", "T1048"));

        assertThat(ranked).extracting(m -> m.technique().id()).containsExactly("T1048.003", "T1048");
    }

    @Test
    void rankTechniques_givenTechniques_scoreAsInTheRankingOfTheSameText() {
        String text = "outbound DNS queries carrying exfiltrated data";
        Map<String, Double> ranked = knowledgeBase.rankTechniques(text, 50).stream()
                .collect(Collectors.toMap(m -> m.technique().id(), TechniqueMatch::score));

        assertThat(knowledgeBase.rankTechniques(text, List.of("t1048.003", "T1048")))
                .allSatisfy(m ->
                        assertThat(m.score()).isEqualTo(ranked.get(m.technique().id())));
    }

    @Test
    void rankTechniques_textOfAShippedProcedureExample_citesThatExampleAndWhoseItIs() {
        var technique = ATTACK.technique("T1003.001").orElseThrow();
        var example = technique.procedures().get(0);

        List<TechniqueMatch> ranked = knowledgeBase.rankTechniques(example.text(), List.of("T1003.001"));

        assertThat(ranked)
                .singleElement()
                .satisfies(m -> assertThat(m.evidence())
                        .startsWith("procedure example (")
                        .contains("(" + example.by() + ")"));
    }

    @Test
    void rankTechniques_techniqueOnlyIndexedByIndexTechniques_isNotRanked() {
        knowledgeBase.indexTechniques(List.of(new TechniqueDocument(
                "T9002", "Quincuncial Tunnelling", List.of("command-and-control"), "Made up.", List.of())));

        assertThat(knowledgeBase.searchTechniques("quincuncial", 5)).isNotEmpty();
        assertThat(knowledgeBase.rankTechniques("quincuncial tunnelling", 5))
                .extracting(m -> m.technique().id())
                .doesNotContain("T9002");
    }

    @Test
    void rankTechniques_sameExtractIndexedAgain_ranksExactlyAsBefore() {
        String text = "PowerShell downloaded a payload and created a scheduled task to persist";
        List<TechniqueMatch> before = knowledgeBase.rankTechniques(text, 10);

        knowledgeBase.indexAttack(ATTACK);

        assertThat(knowledgeBase.rankTechniques(text, 10)).isEqualTo(before);
    }

    @Test
    void rankTechniques_afterAnotherExtract_ranksOnlyTheNewExtractsTechniques() {
        KnowledgeBase fresh = newKnowledgeBase();
        try {
            fresh.indexAttack(TINY_EXTRACT);
            assertThat(fresh.rankTechniques("contract technique", 5))
                    .extracting(m -> m.technique().id())
                    .containsExactly("T9100");

            fresh.indexAttack(tinyExtract("", "T9200", "Zygomorphic Smuggling"));

            assertThat(fresh.rankTechniques("contract technique", 5)).isEmpty();
            assertThat(fresh.rankTechniques("zygomorphic smuggling", 5))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.technique().id()).isEqualTo("T9200");
                        // best of the technique documents, and no procedure example: half of each
                        assertThat(m.score()).isEqualTo(0.5);
                        assertThat(m.matchedTerms()).containsExactlyInAnyOrder("zygomorphic", "smuggling");
                        assertThat(m.evidence()).isEqualTo("ATT&CK T9200: \"Zygomorphic Smuggling.\"");
                    });
        } finally {
            dispose(fresh);
        }
    }

    @Test
    void indexAttack_recordsTheRelease_andIndexAttackIfChangedSkipsTheSameRelease() {
        assertThat(knowledgeBase.attackRelease()).hasValue(ATTACK.source());
        assertThat(knowledgeBase.attackVersion()).hasValue(ATTACK.version());

        assertThat(knowledgeBase.indexAttackIfChanged(ATTACK)).isFalse();
    }

    @Test
    void indexAttackIfChanged_emptyThenOtherRelease_indexesItsTechniquesAndObjects() {
        KnowledgeBase fresh = newKnowledgeBase();
        try {
            assertThat(fresh.attackRelease()).isEmpty();

            assertThat(fresh.indexAttackIfChanged(TINY_EXTRACT)).isTrue();

            assertThat(fresh.attackRelease()).hasValue("contract-test release");
            assertThat(fresh.findTechnique("T9100"))
                    .map(TechniqueDocument::name)
                    .hasValue("Contract Technique");
            assertThat(fresh.mitigationsFor("T9100", 5))
                    .extracting(AttackObject::id)
                    .containsExactly("M9100");
            assertThat(fresh.groupsUsing("T9100", 5))
                    .extracting(AttackObject::aliases)
                    .containsExactly(List.of("Test Bear"));
            assertThat(fresh.indexAttackIfChanged(TINY_EXTRACT)).isFalse();
        } finally {
            dispose(fresh);
        }
    }

    @Test
    void indexAttackIfChanged_sameReleaseOtherContent_indexesAgain() {
        AttackKnowledge described = tinyExtract("Quixotically hardened contract mitigation.");
        KnowledgeBase fresh = newKnowledgeBase();
        try {
            assertThat(fresh.indexAttackIfChanged(TINY_EXTRACT)).isTrue();
            assertThat(fresh.searchAttackObjects("quixotically", Set.of(), 5)).isEmpty();

            assertThat(fresh.indexAttackIfChanged(described)).isTrue();

            assertThat(described.source()).isEqualTo(TINY_EXTRACT.source());
            assertThat(fresh.attackRelease()).hasValue("contract-test release");
            assertThat(fresh.attackVersion())
                    .hasValue(described.version())
                    .isNotEqualTo(Optional.of(TINY_EXTRACT.version()));
            assertThat(fresh.searchAttackObjects("quixotically", Set.of(), 5))
                    .extracting(AttackObject::id, AttackObject::description)
                    .containsExactly(tuple("M9100", "Quixotically hardened contract mitigation."));
            assertThat(fresh.indexAttackIfChanged(described)).isFalse();
        } finally {
            dispose(fresh);
        }
    }

    private static final AttackKnowledge TINY_EXTRACT = tinyExtract("");

    private static AttackKnowledge tinyExtract(String mitigationDescription) {
        return tinyExtract(mitigationDescription, "T9100", "Contract Technique");
    }

    private static AttackKnowledge tinyExtract(String mitigationDescription, String techniqueId, String name) {
        String json = """
                {"source": "contract-test release", "tactics": [],
                 "techniques": [{"id": "%s", "name": "%s", "tactics": [], "platforms": [],
                                 "description": "Made up.", "mitigations": ["M9100"], "procedures": []}],
                 "mitigations": [{"id": "M9100", "name": "Contract Mitigation", "description": "%s"}],
                 "groups": [{"id": "G9100", "name": "Contract Group", "kind": "group",
                             "aliases": ["Test Bear"], "techniques": ["T9100"]}],
                 "software": [], "campaigns": []}
                """.formatted(techniqueId, name, mitigationDescription);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttackKnowledge.load(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
