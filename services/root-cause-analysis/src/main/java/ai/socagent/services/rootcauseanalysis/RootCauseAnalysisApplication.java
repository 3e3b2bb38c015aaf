package ai.socagent.services.rootcauseanalysis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Builds the causal timeline of an investigation and names its root cause. */
@SpringBootApplication
public class RootCauseAnalysisApplication {

    public static void main(String[] args) {
        SpringApplication.run(RootCauseAnalysisApplication.class, args);
    }
}
