package ai.socagent.services.threatclassifier;

import ai.socagent.testsupport.services.AgentServiceContract;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ThreatClassifierApplicationTest extends AgentServiceContract {

    ThreatClassifierApplicationTest() {
        super("ThreatClassifier", "Threat Classification Complete");
    }
}
