package ai.socagent.services.threatintelligence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Enriches a classified threat with indicator and actor intelligence. */
@SpringBootApplication
public class ThreatIntelligenceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ThreatIntelligenceApplication.class, args);
    }
}
