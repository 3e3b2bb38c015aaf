package ai.socagent.testsupport.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What every agent service must do once started, written once: answer its health probe and say,
 * at {@code /actuator/info}, which agent it is and which events it produces.
 *
 * <p>Each service extends it with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@code @AutoConfigureRestTestClient}, naming its agent and one event it produces.
 */
public abstract class AgentServiceContract {

    private final String agentName;
    private final String producedDetailType;

    @Autowired
    private RestTestClient http;

    protected AgentServiceContract(String agentName, String producedDetailType) {
        this.agentName = agentName;
        this.producedDetailType = producedDetailType;
    }

    @Test
    void health_serviceStarted_reportsUp() {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessProbe_serviceStarted_reportsUp() {
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    @Test
    void info_serviceStarted_namesTheAgentAndItsEvents() {
        assertThat(get("/actuator/info"))
                .contains("\"name\":\"" + agentName + "\"")
                .contains(producedDetailType);
    }

    private String get(String path) {
        return http.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
