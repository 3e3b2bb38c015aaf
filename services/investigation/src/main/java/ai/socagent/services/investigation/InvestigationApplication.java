package ai.socagent.services.investigation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Investigates a threat against stored context and gathers evidence. */
@SpringBootApplication
public class InvestigationApplication {

    public static void main(String[] args) {
        SpringApplication.run(InvestigationApplication.class, args);
    }
}
