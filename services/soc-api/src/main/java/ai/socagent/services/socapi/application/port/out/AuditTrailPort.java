package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.audit.AuditEntry;

/** The audit trail of each investigation. */
public interface AuditTrailPort {

    /** Appends an entry to the investigation's trail; an entry of the same event is kept once. */
    void append(String investigationId, AuditEntry entry);
}
