package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.backends.OpenSearchEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.io.IOException;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** The knowledge base's search: explicit mappings, term and match queries. */
class OpenSearchIT {

    /** A document of the test index. */
    public record Runbook(String id, String category, String text) {}

    private static OpenSearchTransport transport;
    private static OpenSearchClient client;

    @BeforeAll
    static void connect() {
        OpenSearchEndpoint endpoint = TestBackends.openSearch();
        transport = ApacheHttpClient5TransportBuilder.builder(
                        new HttpHost(endpoint.scheme(), endpoint.host(), endpoint.port()))
                .setMapper(new JacksonJsonpMapper())
                .build();
        client = new OpenSearchClient(transport);
    }

    @AfterAll
    static void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void indexAndSearchByKeywordAndText() throws IOException {
        String index = TestBackends.uniqueName("runbooks");
        client.indices()
                .create(c -> c.index(index)
                        .settings(s -> s.numberOfShards(1).numberOfReplicas(0))
                        .mappings(m -> m.properties("id", Property.of(p -> p.keyword(k -> k)))
                                .properties("category", Property.of(p -> p.keyword(k -> k)))
                                .properties("text", Property.of(p -> p.text(t -> t)))));
        try {
            var mapping = client.indices()
                    .getMapping(g -> g.index(index))
                    .result()
                    .get(index)
                    .mappings();
            assertThat(mapping.properties().get("category").isKeyword()).isTrue();
            assertThat(mapping.properties().get("text").isText()).isTrue();

            index(index, new Runbook("rb-1", "malware", "Isolate the infected host and collect memory"));
            index(index, new Runbook("rb-2", "phishing", "Reset the credentials of the targeted user"));
            index(index, new Runbook("rb-3", "malware", "Block the command and control domain at the proxy"));

            SearchResponse<Runbook> malware = client.search(
                    s -> s.index(index)
                            .query(q -> q.term(t -> t.field("category").value(FieldValue.of("malware")))),
                    Runbook.class);
            assertThat(malware.hits().hits()).extracting(Hit::id).containsExactlyInAnyOrder("rb-1", "rb-3");

            SearchResponse<Runbook> credentials = client.search(
                    s -> s.index(index).query(q -> q.match(m -> m.field("text").query(FieldValue.of("credentials")))),
                    Runbook.class);
            assertThat(credentials.hits().hits()).singleElement().satisfies(hit -> {
                assertThat(hit.id()).isEqualTo("rb-2");
                assertThat(hit.source())
                        .isEqualTo(new Runbook("rb-2", "phishing", "Reset the credentials of the targeted user"));
            });

            SearchResponse<Runbook> keywordIsNotAnalysed = client.search(
                    s -> s.index(index)
                            .query(q -> q.term(t -> t.field("category").value(FieldValue.of("Malware")))),
                    Runbook.class);
            assertThat(keywordIsNotAnalysed.hits().hits()).isEmpty();
        } finally {
            assertThat(client.indices().delete(d -> d.index(index)).acknowledged())
                    .isTrue();
        }
        assertThat(client.indices().exists(e -> e.index(index)).value()).isFalse();
    }

    private void index(String index, Runbook runbook) throws IOException {
        client.index(i -> i.index(index).id(runbook.id()).document(runbook).refresh(Refresh.True));
    }
}
