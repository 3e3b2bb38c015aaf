package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.FindingSchemas;
import ai.socagent.services.socapi.TestApiKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document is generated from the code (springdoc) and checked in at
 * docs/openapi/soc-api.json, so an API change shows up in review. This test fails when the two
 * differ; regenerate with {@code ./mvnw -pl services/soc-api test -Dtest=OpenApiDocumentTest -Dopenapi.update=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("..", "..", "docs", "openapi", "soc-api.json");
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RestTestClient http;

    @Autowired
    private FindingIngestion ingestion;

    @Autowired
    void client(RestTestClient client) {
        this.http = TestApiKeys.asAdmin(client);
    }

    @Test
    void openApiDocument_generatedFromTheCode_matchesTheCheckedInCopy() throws IOException {
        String generated = http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode document = withoutServers(JSON.readTree(generated));

        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, JSON.writeValueAsString(document) + "\n");
        }

        assertThat(Files.exists(CHECKED_IN))
                .as("docs/openapi/soc-api.json is missing; generate it with -Dopenapi.update=true")
                .isTrue();
        assertThat(document)
                .as(
                        "the API changed: regenerate docs/openapi/soc-api.json with -Dopenapi.update=true and review the diff")
                .isEqualTo(JSON.readTree(Files.readString(CHECKED_IN)));
        assertThat(document.at("/paths").propertyNames())
                .contains("/api/v1/threats", "/api/v1/threats", "/api/v1/threats/{threatId}");
    }

    /**
     * The finding schemas reach the document as the ingestion declares them (the model conversion
     * loses no keyword), and the submission's body is their oneOf.
     */
    @Test
    void openApiDocument_declaresTheFindingSchemasOfTheIngestion() {
        JsonNode document = JSON.readTree(http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        Map<String, JsonNode> declared = FindingSchemas.components(ingestion.limits(), "#/components/schemas/");
        declared.forEach((name, schema) -> assertThat(
                        JSON.readTree(document.at("/components/schemas/" + name).toString()))
                .as(name)
                .isEqualTo(JSON.readTree(schema.toString())));
        assertThat(document.at("/paths/~1api~1v1~1threats/post/requestBody/content/application~1json/schema/$ref")
                        .stringValue())
                .isEqualTo("#/components/schemas/" + FindingSchemas.SUBMISSION);
    }

    /** The server URL carries the random test port; it is not part of the contract. */
    private static JsonNode withoutServers(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove("servers");
        return copy;
    }
}
