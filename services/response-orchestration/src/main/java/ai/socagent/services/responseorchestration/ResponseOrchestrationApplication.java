package ai.socagent.services.responseorchestration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Proposes a response plan whose risky actions wait for approval. */
@SpringBootApplication
public class ResponseOrchestrationApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResponseOrchestrationApplication.class, args);
    }
}
