package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTimestamps;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import java.time.Instant;

/** Translates between the module's entries and this adapter's persistence beans. */
final class ContextItemMapper {

    private ContextItemMapper() {}

    /** @param version null for a create (the version extension then writes 1) */
    static GlobalContextItem toItem(GlobalContextEntry entry, Long version) {
        GlobalContextItem item = new GlobalContextItem();
        item.setContextType(entry.contextType());
        item.setTimestamp(entry.sortKey());
        item.setThreatType(entry.threatType());
        item.setSeverity(entry.severity());
        item.setPayload(entry.payload());
        item.setVersion(version);
        item.setExpiresAt(entry.expiresAt().getEpochSecond());
        return item;
    }

    static GlobalContextEntry toEntry(GlobalContextItem item) {
        return new GlobalContextEntry(
                item.getContextType(),
                ContextKeys.instantOf(item.getTimestamp()),
                ContextKeys.idOf(item.getTimestamp()),
                item.getThreatType(),
                item.getSeverity(),
                item.getPayload(),
                item.getVersion(),
                Instant.ofEpochSecond(item.getExpiresAt()));
    }

    static InvestigationContextItem toItem(InvestigationContextEntry entry, Long version) {
        InvestigationContextItem item = new InvestigationContextItem();
        item.setInvestigationId(entry.investigationId());
        item.setContextLevelTimestamp(ContextKeys.composite(entry.contextLevel(), entry.timestamp()));
        item.setAgentIdTimestamp(ContextKeys.composite(entry.agentId(), entry.timestamp()));
        item.setContextLevel(entry.contextLevel());
        item.setAgentId(entry.agentId());
        item.setTimestamp(ContextTimestamps.format(entry.timestamp()));
        item.setPayload(entry.payload());
        item.setVersion(version);
        item.setExpiresAt(entry.expiresAt().getEpochSecond());
        return item;
    }

    static InvestigationContextEntry toEntry(InvestigationContextItem item) {
        return new InvestigationContextEntry(
                item.getInvestigationId(),
                item.getContextLevel(),
                ContextTimestamps.parse(item.getTimestamp()),
                item.getAgentId(),
                item.getPayload(),
                item.getVersion(),
                Instant.ofEpochSecond(item.getExpiresAt()));
    }

    static AgentContextItem toItem(AgentContextEntry entry, Long version) {
        AgentContextItem item = new AgentContextItem();
        item.setAgentId(entry.agentId());
        item.setSessionIdTimestamp(ContextKeys.composite(entry.sessionId(), entry.timestamp()));
        item.setSessionId(entry.sessionId());
        item.setTimestamp(ContextTimestamps.format(entry.timestamp()));
        item.setPayload(entry.payload());
        item.setVersion(version);
        item.setExpiresAt(entry.expiresAt().getEpochSecond());
        return item;
    }

    static AgentContextEntry toEntry(AgentContextItem item) {
        return new AgentContextEntry(
                item.getAgentId(),
                item.getSessionId(),
                ContextTimestamps.parse(item.getTimestamp()),
                item.getPayload(),
                item.getVersion(),
                Instant.ofEpochSecond(item.getExpiresAt()));
    }
}
