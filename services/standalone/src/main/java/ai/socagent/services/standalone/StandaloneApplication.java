package ai.socagent.services.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The embedded default: every service of the fleet in one JVM, no AWS account, no Docker.
 *
 * <p>Scanning {@code ai.socagent.services} picks up each service's own configuration, so the
 * standalone mode runs the same beans as the fleet; only the adapters differ (embedded instead
 * of AWS), chosen by configuration.
 */
@SpringBootApplication(scanBasePackages = "ai.socagent.services")
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
