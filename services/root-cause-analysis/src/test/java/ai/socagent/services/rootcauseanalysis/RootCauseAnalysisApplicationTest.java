package ai.socagent.services.rootcauseanalysis;

import ai.socagent.testsupport.services.AgentServiceContract;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class RootCauseAnalysisApplicationTest extends AgentServiceContract {

    RootCauseAnalysisApplicationTest() {
        super("RootCauseAnalysis", "Root Cause Identified");
    }
}
