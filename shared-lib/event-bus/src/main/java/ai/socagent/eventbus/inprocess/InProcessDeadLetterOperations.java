package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.DeadLetterOperations;
import java.util.List;
import java.util.Set;

/** {@link DeadLetterOperations} on the in-memory dead-letter queues of an {@link InProcessEventBus}. */
public final class InProcessDeadLetterOperations implements DeadLetterOperations {

    private final InProcessEventBus bus;

    private InProcessDeadLetterOperations(InProcessEventBus bus) {
        this.bus = bus;
    }

    public static InProcessDeadLetterOperations create(InProcessEventBus bus) {
        return new InProcessDeadLetterOperations(bus);
    }

    @Override
    public List<DeadLetterMessage> list(String queue, int max) {
        return bus.deadLetters(queue).stream()
                .limit(Math.max(0, max))
                .map(d -> new DeadLetterMessage(d.id(), d.queue(), d.eventJson(), d.reason(), d.attempts()))
                .toList();
    }

    @Override
    public int redrive(String queue, Set<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return bus.redrive(queue, d -> wanted.contains(d.id())).size();
    }

    @Override
    public int redriveAll(String queue) {
        return bus.redrive(queue, d -> true).size();
    }
}
