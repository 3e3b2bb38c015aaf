package ai.socagent.knowledgebase.adapter.out.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.KnowledgeBaseContract;
import ai.socagent.knowledgebase.TechniqueDocument;
import ai.socagent.knowledgebase.TechniqueMatch;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.testsupport.backends.OpenSearchEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpenSearchKnowledgeBaseIT extends KnowledgeBaseContract {

    @Override
    protected KnowledgeBase newKnowledgeBase() {
        OpenSearchEndpoint endpoint = TestBackends.openSearch();
        return OpenSearchKnowledgeBase.connect(
                endpoint.uri(), OpenSearchKnowledgeBase.Settings.of(TestBackends.uniqueName("kb")));
    }

    @Override
    protected void dispose(KnowledgeBase knowledgeBase) {
        try (OpenSearchKnowledgeBase openSearch = (OpenSearchKnowledgeBase) knowledgeBase) {
            openSearch.deleteIndices();
        }
    }

    @Test
    void create_freshPrefix_createsIndicesWithExplicitCoreMappings() {
        OpenSearchKnowledgeBase openSearch = (OpenSearchKnowledgeBase) knowledgeBase;
        String techniques = openSearch.indexNames().get(0);
        String indicators = openSearch.indexNames().get(1);

        assertThat(openSearch.mapping(techniques).get("id").isKeyword()).isTrue();
        assertThat(openSearch.mapping(techniques).get("name").text().analyzer()).isEqualTo("standard");
        assertThat(openSearch.mapping(techniques).get("description").isText()).isTrue();
        assertThat(openSearch.mapping(indicators).get("value").isKeyword()).isTrue();
        assertThat(openSearch.mapping(indicators).get("technique_ids").isKeyword())
                .isTrue();
        assertThat(openSearch.mapping(indicators).get("last_seen").isDate()).isTrue();
        String attackObjects = openSearch.indexNames().get(2);
        assertThat(openSearch.mapping(attackObjects).get("aliases").text().analyzer())
                .isEqualTo("standard");
        assertThat(openSearch.mapping(attackObjects).get("technique_ids").isKeyword())
                .isTrue();
    }

    @Test
    void rankTechniques_heldOutSampleAndFindingTexts_rankExactlyAsTheEmbeddedIndex() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "198.51.100.7 is performing SSH brute force attacks against i-0abc.",
                "EC2 instance i-0abc is querying a domain name associated with a known command and control server.",
                "Recon:EC2/PortProbeUnprotectedPort Recon EC2 Port Probe Unprotected Port"));
        JsonMapper json = JsonMapper.builder().build();
        List<String> heldOut = Files.readAllLines(Path.of("../../bench/eval/data/procedures-heldout.jsonl"));
        for (int i = 0; i < heldOut.size(); i += 31) {
            texts.add(json.readTree(heldOut.get(i)).get("text").asString());
        }
        try (LuceneKnowledgeBase embedded = LuceneKnowledgeBase.inMemory()) {
            embedded.indexAttack(AttackKnowledge.embedded());

            for (String query : texts) {
                List<TechniqueMatch> expected = embedded.rankTechniques(query, 10);
                assertThat(knowledgeBase.rankTechniques(query, 10)).as(query).isEqualTo(expected);
                List<String> ids =
                        expected.stream().map(m -> m.technique().id()).toList();
                assertThat(knowledgeBase.rankTechniques(query, ids)).as(query).isEqualTo(expected);
            }
            assertThat(texts).hasSizeGreaterThan(100);
        }
    }

    @Test
    void indexAttackIfChanged_indicesWrittenBeforeTheTechniqueRanking_indexesTheExtractAgainAndRanks()
            throws IOException, InterruptedException {
        AttackKnowledge attack = AttackKnowledge.embedded();
        OpenSearchEndpoint endpoint = TestBackends.openSearch();
        String prefix = TestBackends.uniqueName("kb-layout");
        try (OpenSearchKnowledgeBase before =
                OpenSearchKnowledgeBase.connect(endpoint.uri(), OpenSearchKnowledgeBase.Settings.of(prefix))) {
            try {
                // What the indices looked like before the ranking moved here: this extract's
                // techniques and version recorded, no ranking index, no layout.
                before.indexTechniques(TechniqueDocument.allOf(attack));
                HttpResponse<String> recorded = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(endpoint.uri().resolve("/" + prefix + "-techniques/_mapping"))
                                        .header("Content-Type", "application/json")
                                        .PUT(HttpRequest.BodyPublishers.ofString("{\"_meta\": {\"attack_release\": \""
                                                + attack.source() + "\", \"attack_version\": \"" + attack.version()
                                                + "\"}}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
                assertThat(before.attackRelease()).hasValue(attack.source());
                assertThat(before.rankTechniques("LSASS memory credential dumping", 3))
                        .isEmpty();
                assertThat(before.attackVersion()).isEmpty();

                assertThat(before.indexAttackIfChanged(attack)).isTrue();

                assertThat(before.attackVersion()).hasValue(attack.version());
                assertThat(before.rankTechniques("LSASS memory credential dumping", 3))
                        .extracting(m -> m.technique().id())
                        .first()
                        .isEqualTo("T1003.001");
                assertThat(before.indexAttackIfChanged(attack)).isFalse();
            } finally {
                before.deleteIndices();
            }
        }
    }
}
