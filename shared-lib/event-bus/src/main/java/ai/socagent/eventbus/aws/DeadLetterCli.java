package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.DeadLetterCommand;
import ai.socagent.eventbus.DeadLetterOperations;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link DeadLetterCommand} against SQS, for operators:
 *
 * <pre>
 * java -cp event-bus.jar:... ai.socagent.eventbus.aws.DeadLetterCli \
 *     [--endpoint URL] [--region REGION] [--suffix -dev] list|redrive|redrive-all &lt;queue&gt; ...
 * </pre>
 *
 * It runs as a non-web Spring application in the event bus's {@code aws} mode, so its {@link
 * DeadLetterOperations} are the service's own, on the same clients from the same {@code
 * spring.cloud.aws.*} settings ({@code SPRING_CLOUD_AWS_ENDPOINT}, {@code
 * SPRING_CLOUD_AWS_REGION_STATIC}, {@code SPRING_CLOUD_AWS_CREDENTIALS_*} in the environment, else
 * the SDK's default chains). {@code --endpoint}, {@code --region} and {@code --suffix} are short for
 * {@code spring.cloud.aws.endpoint}, {@code spring.cloud.aws.region.static} and {@code
 * soc.event-bus.aws.queue-suffix}; queues are found by {@code <logical name><suffix>}.
 */
public final class DeadLetterCli {

    private DeadLetterCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command and returns its exit status; {@code --key=value} arguments are Spring
     * settings of the CLI's context (for example {@code --spring.cloud.aws.credentials.access-key=...}).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        List<String> settings = new ArrayList<>();
        rest.removeIf(arg -> arg.startsWith("--") && arg.contains("=") && settings.add(arg));
        setting(rest, "--endpoint", "spring.cloud.aws.endpoint", settings);
        setting(rest, "--region", "spring.cloud.aws.region.static", settings);
        setting(rest, "--suffix", "soc.event-bus.aws.queue-suffix", settings);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(
                        "soc.event-bus.mode=aws",
                        "spring.cloud.aws.sqs.enabled=true",
                        "logging.level.root=WARN",
                        "spring.main.register-shutdown-hook=false")
                .run(settings.toArray(String[]::new))) {
            return DeadLetterCommand.on(context.getBean(DeadLetterOperations.class))
                    .run(rest, out, err);
        }
    }

    /** Moves {@code name value} out of {@code args} into {@code --key=value} of {@code settings}. */
    private static void setting(List<String> args, String name, String key, List<String> settings) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            return;
        }
        settings.add("--" + key + "=" + args.get(at + 1));
        args.subList(at, at + 2).clear();
    }

    /**
     * The CLI's application: the event bus's auto-configuration in the aws mode, nothing scanned; no
     * {@code @Configuration}, so that no application's component scan picks it up.
     */
    @EnableAutoConfiguration
    static class Context {}
}
