package ai.socagent.knowledgebase.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

    private final TextAnalyzer analyzer = new TextAnalyzer();

    @Test
    void terms_inflectedForms_shareOneStem() {
        assertThat(analyzer.terms("scanning scans scanned")).containsOnly("scan");
        assertThat(analyzer.terms("queries query")).containsOnly("query");
        assertThat(analyzer.terms("creates created creating")).containsOnly("creat");
    }

    @Test
    void terms_boilerplateAndStopwords_areDropped() {
        assertThat(analyzer.terms("Adversaries may use the credentials of an attacker"))
                .containsExactly("credential");
    }

    @Test
    void terms_camelCaseWord_yieldsWholeWordAndParts() {
        assertThat(analyzer.terms("PortProbeUnprotectedPort"))
                .containsExactly("portprobeunprotectedport", "port", "prob", "unprotect", "port");
    }

    @Test
    void terms_punctuationAndCase_areIgnored() {
        assertThat(analyzer.terms("SSH-brute-force: 445/TCP")).containsExactly("ssh", "brut", "forc", "445", "tcp");
    }

    @Test
    void terms_nullOrBlank_isEmpty() {
        assertThat(analyzer.terms(null)).isEmpty();
        assertThat(analyzer.terms("  ;; ")).isEmpty();
    }

    @Test
    void analyze_term_keepsTheWordItCameFrom() {
        assertThat(analyzer.analyze("Scanning")).containsExactly(new TextAnalyzer.Term("scan", "scanning"));
    }
}
