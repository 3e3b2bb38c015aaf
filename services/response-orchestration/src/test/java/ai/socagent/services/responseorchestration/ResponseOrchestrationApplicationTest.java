package ai.socagent.services.responseorchestration;

import ai.socagent.testsupport.services.AgentServiceContract;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ResponseOrchestrationApplicationTest extends AgentServiceContract {

    ResponseOrchestrationApplicationTest() {
        super("ResponseOrchestration", "Response Plan Ready");
    }
}
