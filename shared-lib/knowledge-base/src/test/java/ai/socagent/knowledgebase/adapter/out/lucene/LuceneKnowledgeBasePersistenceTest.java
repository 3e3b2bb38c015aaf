package ai.socagent.knowledgebase.adapter.out.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.knowledgebase.AttackObject;
import ai.socagent.knowledgebase.SampleFeeds;
import ai.socagent.knowledgebase.TechniqueDocument;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
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

    @Test
    void indexAttackIfChanged_indexWrittenBeforeVersionsWereRecorded_indexesTheShippedExtractAgain(
            @TempDir Path directory) throws IOException {
        AttackKnowledge attack = AttackKnowledge.embedded();
        // What an index of the same release looked like before the extract carried descriptions:
        // M1032 without one, and a meta document with the release only.
        try (LuceneKnowledgeBase before = LuceneKnowledgeBase.open(directory)) {
            before.indexAttackObjects(List.of(new AttackObject(
                    "M1032",
                    AttackObject.Type.MITIGATION,
                    "Multi-factor Authentication",
                    List.of(),
                    "",
                    List.of("T1078"))));
        }
        try (FSDirectory fs = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document meta = new Document();
            meta.add(new StringField("key", "meta:attack-release", Field.Store.NO));
            meta.add(new StringField("kind", "meta", Field.Store.NO));
            meta.add(new StoredField("attack_release", attack.source()));
            writer.updateDocument(new Term("key", "meta:attack-release"), meta);
            writer.commit();
        }

        try (LuceneKnowledgeBase reopened = LuceneKnowledgeBase.open(directory)) {
            assertThat(reopened.attackRelease()).hasValue(attack.source());
            assertThat(reopened.attackVersion()).isEmpty();

            assertThat(reopened.indexAttackIfChanged(attack)).isTrue();

            assertThat(reopened.findAttackObject("M1032"))
                    .map(AttackObject::description)
                    .hasValue(attack.mitigation("M1032").orElseThrow().description());
        }
        try (LuceneKnowledgeBase restarted = LuceneKnowledgeBase.open(directory)) {
            assertThat(restarted.attackVersion()).hasValue(attack.version());
            assertThat(restarted.indexAttackIfChanged(attack)).isFalse();
        }
    }

    @Test
    void indexAttackIfChanged_indexWrittenBeforeTheTechniqueRanking_indexesTheExtractAgainAndRanks(
            @TempDir Path directory) throws IOException {
        AttackKnowledge attack = AttackKnowledge.embedded();
        // What a standalone installation's index looked like before the ranking moved here: the same
        // extract's objects and version recorded, no ranking documents, no layout.
        try (LuceneKnowledgeBase before = LuceneKnowledgeBase.open(directory)) {
            before.indexTechniques(TechniqueDocument.allOf(attack));
        }
        try (FSDirectory fs = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document meta = new Document();
            meta.add(new StringField("key", "meta:attack-release", Field.Store.NO));
            meta.add(new StringField("kind", "meta", Field.Store.NO));
            meta.add(new StoredField("attack_release", attack.source()));
            meta.add(new StoredField("attack_version", attack.version()));
            writer.updateDocument(new Term("key", "meta:attack-release"), meta);
            writer.commit();
        }

        try (LuceneKnowledgeBase reopened = LuceneKnowledgeBase.open(directory)) {
            assertThat(reopened.rankTechniques("LSASS memory credential dumping", 3))
                    .isEmpty();
            assertThat(reopened.attackVersion()).isEmpty();

            assertThat(reopened.indexAttackIfChanged(attack)).isTrue();

            assertThat(reopened.rankTechniques("LSASS memory credential dumping", 3))
                    .extracting(m -> m.technique().id())
                    .first()
                    .isEqualTo("T1003.001");
        }
        try (LuceneKnowledgeBase restarted = LuceneKnowledgeBase.open(directory)) {
            assertThat(restarted.attackVersion()).hasValue(attack.version());
            assertThat(restarted.indexAttackIfChanged(attack)).isFalse();
        }
    }
}
