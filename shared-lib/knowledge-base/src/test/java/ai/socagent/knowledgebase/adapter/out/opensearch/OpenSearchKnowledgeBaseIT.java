package ai.socagent.knowledgebase.adapter.out.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.KnowledgeBaseContract;
import ai.socagent.testsupport.backends.OpenSearchEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import org.junit.jupiter.api.Test;

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
}
