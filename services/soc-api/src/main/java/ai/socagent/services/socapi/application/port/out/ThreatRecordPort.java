package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.threat.Threat;

/** Where an accepted threat is kept before anyone is told about it. */
public interface ThreatRecordPort {

    /**
     * Keeps the threat; once this returns it survives a crash of this process and is found by every
     * instance of the API. The first arrival of a threat stands: keeping it again changes nothing.
     *
     * @return the threat as kept — this one, or its first arrival (same id, its own submission time
     *     and correlation id)
     */
    Threat record(Threat threat);
}
