package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.DeadLetterCommand;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * {@link DeadLetterCommand} against SQS, for operators:
 *
 * <pre>
 * java -cp event-bus.jar:... ai.socagent.eventbus.aws.DeadLetterCli \
 *     [--endpoint URL] [--region REGION] [--suffix -dev] list|redrive|redrive-all &lt;queue&gt; ...
 * </pre>
 *
 * Queues are found by {@code <logical name><suffix>}; credentials come from the default AWS chain.
 */
public final class DeadLetterCli {

    private DeadLetterCli() {}

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String endpoint = option(rest, "--endpoint");
        String region = option(rest, "--region");
        String suffix = option(rest, "--suffix");
        SqsClientBuilder builder = SqsClient.builder();
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        int status;
        try (SqsClient sqs = builder.build()) {
            var operations = SqsDeadLetterOperations.create(
                    sqs, RoutingDefinitions.bundled(), new SqsQueueUrls(sqs, suffix == null ? "" : suffix, Map.of()));
            status = DeadLetterCommand.on(operations).run(rest, System.out, System.err);
        }
        System.exit(status);
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            return null;
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }
}
