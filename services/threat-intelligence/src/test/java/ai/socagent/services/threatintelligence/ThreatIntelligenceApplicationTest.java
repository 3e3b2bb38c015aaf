package ai.socagent.services.threatintelligence;

import ai.socagent.testsupport.services.AgentServiceContract;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ThreatIntelligenceApplicationTest extends AgentServiceContract {

    ThreatIntelligenceApplicationTest() {
        super("ThreatIntelligence", "Threat Intelligence Enriched");
    }
}
