package ai.socagent.services.socapi.adapter.in.eventbus;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;
import java.util.List;

/** The dashboard and audit-trail queues: every pipeline event the SOC should see. */
public final class PipelineActivitySubscription implements EventHandler {

    /** The logical queues of infra/events/rules.json this service consumes. */
    public static final List<String> QUEUES = List.of("dashboard", "audit-trail");

    private final RecordPipelineActivityUseCase recordActivity;

    public PipelineActivitySubscription(RecordPipelineActivityUseCase recordActivity) {
        this.recordActivity = recordActivity;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!(event instanceof InboundEvent.PipelineEvent pipeline)) {
            throw new UndeliverableEventException(
                    UndeliverableEventException.Reason.UNKNOWN_SOURCE,
                    "the dashboard takes pipeline events only, not " + event.detailType());
        }
        recordActivity.record(pipeline.event());
    }
}
