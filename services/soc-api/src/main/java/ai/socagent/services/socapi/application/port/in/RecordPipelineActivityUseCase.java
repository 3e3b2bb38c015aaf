package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.event.DomainEvent;

/** Takes a pipeline event from the bus (audit trail, dashboard) and files it under its threat. */
public interface RecordPipelineActivityUseCase {

    void record(DomainEvent event);
}
