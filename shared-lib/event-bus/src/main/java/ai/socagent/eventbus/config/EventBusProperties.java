package ai.socagent.eventbus.config;

import ai.socagent.domain.event.DomainEvents;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event bus ({@code soc.event-bus.*}).
 *
 * @param mode {@code in-process} (default, standalone mode) or {@code aws} (EventBridge + SQS)
 * @param busName the EventBridge bus the {@code aws} mode publishes to; default {@code ai-agent-events}
 * @param idempotencyTtl how long a consumer remembers an event id; default 24 hours
 * @param retry backoff between deliveries of a failing event
 * @param inProcess the in-process bus's delivery capacity and journal
 * @param aws the aws mode's settings
 */
@Validated
@ConfigurationProperties("soc.event-bus")
public record EventBusProperties(
        Mode mode,
        @NotBlank String busName,
        @NotNull Duration idempotencyTtl,
        @Valid Retry retry,
        @Valid InProcess inProcess,
        @Valid Aws aws) {

    public EventBusProperties {
        mode = mode == null ? Mode.IN_PROCESS : mode;
        busName = busName == null ? DomainEvents.EventBus.NAME : busName;
        idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
        retry = retry == null ? new Retry(null, 0, null) : retry;
        inProcess = inProcess == null ? new InProcess(0, 0, null, 0, null) : inProcess;
        aws = aws == null ? new Aws(null, null, null, 0, 0, 0, null) : aws;
    }

    public enum Mode {
        IN_PROCESS,
        AWS
    }

    /**
     * @param initial wait before the second delivery; default 200 ms
     * @param multiplier growth per attempt; default 2
     * @param max longest wait; default 10 s
     */
    public record Retry(Duration initial, @DecimalMin("1.0") double multiplier, Duration max) {
        public Retry {
            initial = initial == null ? Duration.ofMillis(200) : initial;
            multiplier = multiplier == 0 ? 2.0 : multiplier;
            max = max == null ? Duration.ofSeconds(10) : max;
        }
    }

    /**
     * @param concurrency deliveries of one ordinary queue that run at once, each on a virtual thread
     *     (a handler waiting for a model holds no platform thread); default 64
     * @param priorityConcurrency deliveries of one priority queue (the emergency path) at once;
     *     default 16
     * @param queueConcurrency a queue's own concurrency by name ({@code
     *     soc.event-bus.in-process.queue-concurrency.threat-classifier=100}), over the two above
     * @param capacity deliveries of one queue that may wait in line before publishers deliver
     *     themselves; default 10,000
     * @param journal where the bus keeps its deliveries, dead letters and idempotency claims
     */
    public record InProcess(
            @Min(0) @Max(10_000) int concurrency,
            @Min(0) @Max(10_000) int priorityConcurrency,
            Map<String, @Min(1) @Max(10_000) Integer> queueConcurrency,
            @Min(0) int capacity,
            @Valid Journal journal) {
        public InProcess {
            concurrency = concurrency == 0 ? InProcessEventBus.Options.DEFAULT_CONCURRENCY : concurrency;
            priorityConcurrency = priorityConcurrency == 0
                    ? InProcessEventBus.Options.DEFAULT_PRIORITY_CONCURRENCY
                    : priorityConcurrency;
            queueConcurrency = queueConcurrency == null ? Map.of() : Map.copyOf(queueConcurrency);
            capacity = capacity == 0 ? 10_000 : capacity;
            journal = journal == null ? new Journal(null, null, false) : journal;
        }
    }

    /**
     * The in-process bus's journal: every delivery is committed to it before {@code publish} returns,
     * and replayed at the next start if it was not delivered.
     *
     * @param enabled keep deliveries in the journal (default); {@code false} keeps them in memory only,
     *     lost with the process (for tests and benchmarks)
     * @param directory the journal's directory (a RocksDB database in {@code journal} in it); default
     *     {@code data/event-bus}
     *     under the working directory. One bus per directory: a second one is refused at start-up.
     * @param fsync force every write to the disk (the write-ahead log), so that a power loss (not only a
     *     killed process) loses nothing; costs about 2 ms per write. Default false
     */
    public record Journal(Boolean enabled, Path directory, boolean fsync) {
        public Journal {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            directory = directory == null ? Path.of("data", "event-bus") : directory;
        }
    }

    /**
     * @param idempotencyTable the DynamoDB table of consumed event ids; without it the aws mode keeps
     *     them in memory (per instance)
     * @param queueSuffix appended to a logical queue name to find the queue by name ({@code
     *     GetQueueUrl}), e.g. {@code -dev}; default none
     * @param queueUrls queue URLs by logical name (queues and dead-letter queues), when they are not
     *     found by name
     * @param concurrency messages of an ordinary queue handled at once per instance, each on a
     *     virtual thread (a handler waiting for a model holds none of the container's threads); default 4
     * @param queueConcurrency a queue's own concurrency by name ({@code
     *     soc.event-bus.aws.queue-concurrency.threat-classifier=100}), over the two others
     * @param priorityConcurrency messages of a priority queue (the emergency path) handled at once;
     *     default 16
     * @param waitTimeSeconds SQS long-polling wait (the listener container's {@code pollTimeout});
     *     default 20
     */
    public record Aws(
            String idempotencyTable,
            String queueSuffix,
            Map<String, String> queueUrls,
            @Min(0) @Max(1_000) int concurrency,
            @Min(0) @Max(1_000) int priorityConcurrency,
            @Min(0) @Max(20) int waitTimeSeconds,
            Map<String, @Min(1) @Max(1_000) Integer> queueConcurrency) {
        public Aws {
            queueSuffix = queueSuffix == null ? "" : queueSuffix;
            queueUrls = queueUrls == null ? Map.of() : Map.copyOf(queueUrls);
            concurrency = concurrency == 0 ? 4 : concurrency;
            priorityConcurrency = priorityConcurrency == 0 ? 16 : priorityConcurrency;
            waitTimeSeconds = waitTimeSeconds == 0 ? 20 : waitTimeSeconds;
            queueConcurrency = queueConcurrency == null ? Map.of() : Map.copyOf(queueConcurrency);
        }
    }
}
