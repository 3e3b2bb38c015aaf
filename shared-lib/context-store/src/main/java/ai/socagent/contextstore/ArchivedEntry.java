package ai.socagent.contextstore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One context item as archived: its attributes as {@link ContextItems} writes them (numbers as
 * decimal text), why it left the table and when.
 *
 * @param item the item's attributes, including key, payload, version and {@code expires_at}
 * @param removedAt when it left (or, for {@link ArchiveReason#INVESTIGATION_CLOSED}, when it was copied)
 */
public record ArchivedEntry(Map<String, String> item, ArchiveReason reason, Instant removedAt) {

    public ArchivedEntry {
        item = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(item, "item")));
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(removedAt, "removedAt");
    }

    public static ArchivedEntry of(GlobalContextEntry entry, ArchiveReason reason, Instant at) {
        return new ArchivedEntry(ContextItems.toItem(entry), reason, at);
    }

    public static ArchivedEntry of(InvestigationContextEntry entry, ArchiveReason reason, Instant at) {
        return new ArchivedEntry(ContextItems.toItem(entry), reason, at);
    }

    public static ArchivedEntry of(AgentContextEntry entry, ArchiveReason reason, Instant at) {
        return new ArchivedEntry(ContextItems.toItem(entry), reason, at);
    }

    public GlobalContextEntry asGlobal() {
        return ContextItems.toGlobal(item);
    }

    public InvestigationContextEntry asInvestigation() {
        return ContextItems.toInvestigation(item);
    }

    public AgentContextEntry asAgent() {
        return ContextItems.toAgent(item);
    }
}
