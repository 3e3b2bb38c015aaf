package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The operators' CLI on moto: a non-web Spring application in the aws mode whose clients come from
 * the same {@code spring.cloud.aws.*} settings as a service's; it lists what lies in a dead-letter queue.
 */
class DeadLetterCliIT {

    private static MotoBus.Clients clients;
    private static MotoBus bus;

    @BeforeAll
    static void bootstrap() {
        clients = MotoBus.clients();
        bus = MotoBus.bootstrap(clients, RoutingDefinitions.bundled(), "c");
    }

    @AfterAll
    static void teardown() {
        if (bus != null) {
            bus.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void list_ofAQueueWithADeadLetter_printsItAsAJsonLine() {
        clients.sqs().sendMessage(b -> b.queueUrl(bus.queueUrl("dashboard-dlq")).messageBody("{\"not\":\"an event\"}"));
        AwsCredentials credentials = clients.aws().credentials().resolveCredentials();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DeadLetterCli.run(
                new String[] {
                    "--endpoint",
                    clients.aws().endpoint().toString(),
                    "--region",
                    clients.aws().region().id(),
                    "--suffix",
                    bus.suffix(),
                    "--spring.cloud.aws.credentials.access-key=" + credentials.accessKeyId(),
                    "--spring.cloud.aws.credentials.secret-key=" + credentials.secretAccessKey(),
                    "list",
                    "dashboard",
                    "10"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .singleElement()
                .asString()
                .contains("\"queue\":\"dashboard\"")
                .contains("an event");
    }
}
