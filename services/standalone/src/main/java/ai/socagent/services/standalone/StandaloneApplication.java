package ai.socagent.services.standalone;

import ai.socagent.services.socapi.config.ApiKeyCommandLine;
import ai.socagent.services.standalone.bootstrap.LocalAwsBootstrap;
import ai.socagent.services.standalone.config.StandaloneServices;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The embedded default: every service of the fleet in one JVM, no AWS account, no Docker.
 *
 * <p>The services are composed explicitly: {@link StandaloneServices} imports each service's own
 * configuration, so the standalone mode runs the same beans as the fleet; only the adapters differ
 * (embedded instead of AWS), chosen by configuration. Scanning covers this module's own package
 * only.
 */
@SpringBootApplication
@Import(StandaloneServices.class)
public class StandaloneApplication {

    /**
     * Starts the fleet; {@code bootstrap ...} instead creates the local mode's AWS resources in an
     * emulator and exits ({@link LocalAwsBootstrap}, docker-compose's one-shot service); {@code
     * api-keys create|list|revoke ...} manages the API keys offline ({@link ApiKeyCommandLine}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bootstrap")) {
            LocalAwsBootstrap.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("api-keys")) {
            System.exit(ApiKeyCommandLine.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
