package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.services.socapi.TestApiKeys;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Only bad input is a 400: a domain precondition that fails inside the service (here the use case
 * throws the IllegalArgumentException a record's constructor would) is a 500 problem document, and a
 * log line carries the cause under the reference the client sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class InternalErrorProblemTest {

    @TestConfiguration
    static class FailingSubmission {
        @Bean
        @Primary
        SubmitFindingUseCase failingSubmission() {
            return new SubmitFindingUseCase() {
                @Override
                public SubmissionReceipt submit(byte[] payload) {
                    throw new IllegalArgumentException("investigationId must be a lowercase UUID string");
                }

                @Override
                public long maxPayloadBytes() {
                    return IngestionLimits.defaults().maxPayloadBytes();
                }
            };
        }
    }

    private RestTestClient http;

    @Autowired
    void client(RestTestClient client) {
        this.http = TestApiKeys.asAdmin(client);
    }

    @Test
    void submitFinding_preconditionFailsInsideTheService_isAnInternalErrorProblemWithALogLine(CapturedOutput output) {
        Map<?, ?> problem = http.post()
                .uri("/api/v1/threats")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"fine input\", \"severity\": \"LOW\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:internal-error");
        assertThat(String.valueOf(problem.get("detail"))).doesNotContain("investigationId");
        assertThat(output.getAll())
                .contains("Request failed [reference " + problem.get("reference") + "]")
                .contains("investigationId must be a lowercase UUID string");
    }
}
