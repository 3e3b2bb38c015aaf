package ai.socagent.services.standalone;

import ai.socagent.services.standalone.bootstrap.LocalAwsBootstrap;
import java.util.Arrays;
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

    /**
     * Starts the fleet; {@code bootstrap ...} instead creates the local mode's AWS resources in an
     * emulator and exits ({@link LocalAwsBootstrap}, docker-compose's one-shot service).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bootstrap")) {
            LocalAwsBootstrap.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
