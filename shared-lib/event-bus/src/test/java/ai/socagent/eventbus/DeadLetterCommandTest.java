package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.inprocess.InProcessDeadLetterOperations;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeadLetterCommandTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(50));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private InProcessEventBus bus;
    private DeadLetterCommand command;

    @BeforeEach
    void bus() {
        bus = InProcessEventBus.create(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                InProcessEventBus.Options.defaults().withRetry(FAST_RETRY));
        bus.subscribe("dashboard", event -> {
            if (broken.get()) {
                throw new IllegalStateException("websocket closed");
            }
            handled.add(event.deduplicationId());
        });
        command = DeadLetterCommand.on(InProcessDeadLetterOperations.create(bus));
    }

    @AfterEach
    void close() {
        bus.close();
    }

    private int run(String... args) {
        out.reset();
        return command.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void list_thenRedrive_printsTheDeadLetterAsJsonAndRedrivesItById() {
        DomainEvent planned = SampleEvents.all().get(6);
        bus.publish(planned, TraceContext.newRoot());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !bus.deadLetters("dashboard").isEmpty());

        int listed = run("list", "dashboard");
        JsonNode line = JsonMapper.builder().build().readTree(output().strip());
        broken.set(false);
        int redriven = run("redrive", "dashboard", line.get("id").asString());

        assertThat(listed).isZero();
        assertThat(line.get("receiveCount").asInt()).isEqualTo(3);
        assertThat(line.get("reason").asString()).startsWith("HANDLER_FAILED after 3 attempts");
        assertThat(line.at("/event/detail/eventId").asString()).isEqualTo(planned.eventId());
        assertThat(redriven).isZero();
        assertThat(output()).isEqualTo("redrove 1 of 1 to dashboard" + System.lineSeparator());
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.equals(List.of(planned.eventId())));
    }

    @Test
    void run_unknownCommand_printsTheUsageAndExitsWith2() {
        int status = run("purge", "dashboard");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(DeadLetterCommand.USAGE);
    }
}
