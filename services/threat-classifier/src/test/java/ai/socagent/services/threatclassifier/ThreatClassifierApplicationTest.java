package ai.socagent.services.threatclassifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ThreatClassifierApplicationTest {

    @Autowired
    private RestTestClient http;

    @Test
    void health_serviceStarted_reportsUp() {
        String health = http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(health).contains("\"status\":\"UP\"");
    }

    @Test
    void info_serviceStarted_namesTheAgentAndItsEvents() {
        String info = http.get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(info).contains("\"name\":\"ThreatClassifier\"").contains("Threat Classification Complete");
    }
}
