package ai.socagent.services.investigation;

import ai.socagent.testsupport.services.AgentServiceContract;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class InvestigationApplicationTest extends AgentServiceContract {

    InvestigationApplicationTest() {
        super("Investigation", "Investigation Complete");
    }
}
