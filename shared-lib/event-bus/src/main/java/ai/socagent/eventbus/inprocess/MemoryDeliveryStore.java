package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.IdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Deliveries in memory only: nothing survives the process. Only dead letters are kept (in memory), and
 * the claims are those of the {@link IdempotencyStore} given. For tests and benchmarks that want the
 * bus without a file ({@code soc.event-bus.in-process.journal.enabled=false}).
 */
final class MemoryDeliveryStore implements DeliveryStore {

    private final IdempotencyStore claims;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Queue<DeadLetter>> deadLetters = new ConcurrentHashMap<>();

    MemoryDeliveryStore(IdempotencyStore claims) {
        this.claims = claims;
    }

    @Override
    public long[] append(List<Delivery> deliveries) {
        long[] assigned = new long[deliveries.size()];
        for (int i = 0; i < assigned.length; i++) {
            assigned[i] = ids.incrementAndGet();
        }
        return assigned;
    }

    @Override
    public long firstIdOfThisRun() {
        return 1;
    }

    @Override
    public void replay(long belowId, Consumer<Stored> each) {}

    @Override
    public void handled(long id, String queue, String deduplicationId, Duration ttl) {}

    @Override
    public void attempted(long id, int failedAttempts) {}

    @Override
    public void deadLettered(long id, DeadLetter letter) {
        deadLetters
                .computeIfAbsent(letter.queue(), q -> new ConcurrentLinkedQueue<>())
                .add(letter);
    }

    @Override
    public void dropped(long id) {}

    @Override
    public void abandoned(long id, DeadLetter letter) {
        deadLettered(id, letter);
    }

    @Override
    public List<DeadLetter> deadLetters(String queue) {
        Queue<DeadLetter> letters = deadLetters.get(queue);
        return letters == null ? List.of() : List.copyOf(letters);
    }

    @Override
    public List<Redriven> redrive(String queue, Predicate<DeadLetter> which) {
        Queue<DeadLetter> letters = deadLetters.get(queue);
        if (letters == null) {
            return List.of();
        }
        List<Redriven> taken = new ArrayList<>();
        for (DeadLetter letter : List.copyOf(letters)) {
            if (which.test(letter) && letters.remove(letter)) {
                taken.add(new Redriven(letter, ids.incrementAndGet()));
            }
        }
        return taken;
    }

    @Override
    public IdempotencyStore claims() {
        return claims;
    }

    @Override
    public void close() {}
}
