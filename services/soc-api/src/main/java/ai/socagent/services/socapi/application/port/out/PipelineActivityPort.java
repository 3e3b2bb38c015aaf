package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.event.DomainEvent;
import java.util.List;

/** Keeps what the pipeline said about each threat, for the dashboard. */
public interface PipelineActivityPort {

    void record(String threatId, DomainEvent event);

    /** The events recorded for a threat, oldest first. */
    List<DomainEvent> activityOf(String threatId);
}
