package ai.socagent.domain.investigation;

import ai.socagent.domain.Preconditions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happened in an investigation, in time order: the steps the investigation and root cause
 * agents reconstruct from the evidence.
 *
 * @param investigationId the investigation (UUID)
 * @param entries the steps, stored sorted by time (stable for equal times)
 */
public record Timeline(String investigationId, List<TimelineEntry> entries) {

    public Timeline {
        Preconditions.requireUuid(investigationId, "investigationId");
        List<TimelineEntry> sorted = new ArrayList<>(Preconditions.copyList(entries, "entries"));
        sorted.sort(Comparator.comparing(TimelineEntry::at));
        entries = List.copyOf(sorted);
    }
}
