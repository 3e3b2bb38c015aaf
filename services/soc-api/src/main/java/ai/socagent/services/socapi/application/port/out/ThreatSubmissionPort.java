package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.event.ThreatSubmitted;

/**
 * Where a submitted threat goes next. Today an in-memory log; with the event bus (issue #4)
 * a publisher of the {@code Threat Submitted} event to {@code ai-agent-events}.
 */
public interface ThreatSubmissionPort {

    void submit(ThreatSubmitted event);
}
