package ai.socagent.agentruntime.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueSearchTest {

    private final TechniqueSearch search = TechniqueSearch.embedded();

    @Test
    void search_lsassDumpText_ranksLsassMemoryFirstWithEvidence() {
        List<TechniqueSearch.Candidate> candidates =
                search.search("The attacker ran mimikatz to dump credentials from LSASS process memory", 3);

        assertThat(candidates).isNotEmpty();
        TechniqueSearch.Candidate best = candidates.get(0);
        assertThat(best.technique().id()).isEqualTo("T1003.001");
        assertThat(best.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(best.matchedTerms()).contains("lsass");
        assertThat(best.evidence()).isNotBlank();
        assertThat(best.rationale()).contains("lsass");
    }

    @Test
    void search_bruteForceText_ranksBruteForceFamilyInTopThree() {
        List<TechniqueSearch.Candidate> candidates =
                search.search("Many failed SSH logins: password guessing brute force against the server", 3);

        assertThat(candidates).extracting(c -> c.technique().parentId()).contains("T1110");
    }

    @Test
    void search_results_areOrderedByDescendingScoreAndLimited() {
        List<TechniqueSearch.Candidate> candidates = search.search("scheduled task created for persistence", 5);

        assertThat(candidates).hasSize(5);
        assertThat(candidates)
                .extracting(TechniqueSearch.Candidate::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(candidates.get(0).technique().parentId()).isEqualTo("T1053");
    }

    @Test
    void search_blankTextUnknownWordsOrZeroLimit_isEmpty() {
        assertThat(search.search("   ", 3)).isEmpty();
        assertThat(search.search("zzqxv qqqzzv", 3)).isEmpty();
        assertThat(search.search("powershell", 0)).isEmpty();
    }

    @Test
    void rank_givenTechniques_returnsOnlyThoseTheTextMatchesInGivenOrder() {
        List<TechniqueSearch.Candidate> ranked =
                search.rank("outbound DNS queries carrying exfiltrated data", List.of("T1048.003", "T9999", "T1048"));

        assertThat(ranked).extracting(c -> c.technique().id()).containsExactly("T1048.003", "T1048");
    }
}
