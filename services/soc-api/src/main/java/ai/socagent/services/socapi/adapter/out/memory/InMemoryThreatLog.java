package ai.socagent.services.socapi.adapter.out.memory;

import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.application.port.out.ThreatLookupPort;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the most recent submitted threats in memory, bounded, newest last in insertion order.
 * A threat submitted again moves to the newest position with its latest finding.
 */
public final class InMemoryThreatLog implements ThreatSubmissionPort, ThreatLookupPort {

    private final int capacity;
    private final LinkedHashMap<String, Threat> threats = new LinkedHashMap<>();

    public InMemoryThreatLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void submit(ThreatSubmitted event) {
        Threat threat = event.threat();
        threats.remove(threat.threatId());
        threats.put(threat.threatId(), threat);
        Iterator<Map.Entry<String, Threat>> oldestFirst = threats.entrySet().iterator();
        while (threats.size() > capacity && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    @Override
    public synchronized Optional<Threat> findById(String threatId) {
        return Optional.ofNullable(threats.get(threatId));
    }

    @Override
    public synchronized List<Threat> newest(int limit) {
        List<Threat> all = new ArrayList<>(threats.values());
        List<Threat> newestFirst = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            newestFirst.add(all.get(i));
        }
        return newestFirst;
    }
}
