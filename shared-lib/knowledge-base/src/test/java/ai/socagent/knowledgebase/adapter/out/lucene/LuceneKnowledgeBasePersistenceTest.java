package ai.socagent.knowledgebase.adapter.out.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.knowledgebase.SampleFeeds;
import ai.socagent.knowledgebase.TechniqueDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneKnowledgeBasePersistenceTest {

    @Test
    void open_directoryWrittenBefore_keepsIndicatorsAndTechniquesAcrossReopen(@TempDir Path directory) {
        try (LuceneKnowledgeBase first = LuceneKnowledgeBase.open(directory)) {
            first.indexIndicators(SampleFeeds.csv().indicators());
            first.indexTechniques(List.of(
                    new TechniqueDocument("T1046", "Network Service Discovery", List.of(), "port scans", List.of())));
        }

        try (LuceneKnowledgeBase reopened = LuceneKnowledgeBase.open(directory)) {
            assertThat(reopened.findIndicator(Indicator.of(IndicatorType.IPV4, "198.51.100.23")))
                    .isPresent();
            assertThat(reopened.searchTechniques("port", 1))
                    .extracting(TechniqueDocument::id)
                    .containsExactly("T1046");
        }
    }
}
