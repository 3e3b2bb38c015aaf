package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.threat.Threat;

/** Where an accepted threat, and the payload it was read from, are kept before anyone is told about it. */
public interface ThreatRecordPort {

    /**
     * Keeps the payload as evidence (the finding refers to it), then the threat; once this returns
     * both survive a crash of this process and are found by every instance of the API. The first
     * arrival of a threat stands: keeping it again changes nothing.
     *
     * @param rawPayload the text the threat's finding was read from
     * @return the threat as kept — this one, or its first arrival (same id, its own submission time
     *     and correlation id)
     */
    Threat record(Threat threat, String rawPayload);
}
