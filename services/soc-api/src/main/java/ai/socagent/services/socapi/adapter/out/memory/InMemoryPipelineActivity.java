package ai.socagent.services.socapi.adapter.out.memory;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.services.socapi.application.port.out.PipelineActivityPort;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pipeline events per threat, for the most recent threats only (bounded like the threat log). */
public final class InMemoryPipelineActivity implements PipelineActivityPort {

    private static final int MAX_EVENTS_PER_THREAT = 100;

    private final int capacity;
    private final LinkedHashMap<String, List<DomainEvent>> byThreat = new LinkedHashMap<>();

    public InMemoryPipelineActivity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(String threatId, DomainEvent event) {
        List<DomainEvent> events = byThreat.computeIfAbsent(threatId, id -> new ArrayList<>());
        if (events.size() < MAX_EVENTS_PER_THREAT) {
            events.add(event);
        }
        Iterator<Map.Entry<String, List<DomainEvent>>> oldestFirst =
                byThreat.entrySet().iterator();
        while (byThreat.size() > capacity && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    @Override
    public synchronized List<DomainEvent> activityOf(String threatId) {
        return List.copyOf(byThreat.getOrDefault(threatId, List.of()));
    }
}
