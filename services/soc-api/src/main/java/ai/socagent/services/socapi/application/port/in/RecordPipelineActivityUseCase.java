package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.event.DomainEvent;

/** Takes a pipeline event from the audit-trail queue and files it in its investigation's trail. */
public interface RecordPipelineActivityUseCase {

    void record(DomainEvent event);
}
