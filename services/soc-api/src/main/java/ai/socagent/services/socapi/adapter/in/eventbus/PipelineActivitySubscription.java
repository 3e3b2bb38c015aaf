package ai.socagent.services.socapi.adapter.in.eventbus;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;

/**
 * The audit-trail queue: every pipeline event the SOC should see, each filed once in its
 * investigation's trail (the dashboard queue carries some of the same events for live views; the API
 * records from this queue only).
 */
public final class PipelineActivitySubscription implements EventHandler {

    /** The logical queue of infra/events/rules.json this service consumes. */
    public static final String QUEUE = "audit-trail";

    private final RecordPipelineActivityUseCase recordActivity;

    public PipelineActivitySubscription(RecordPipelineActivityUseCase recordActivity) {
        this.recordActivity = recordActivity;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!(event instanceof InboundEvent.PipelineEvent pipeline)) {
            throw new UndeliverableEventException(
                    UndeliverableEventException.Reason.UNKNOWN_SOURCE,
                    "the audit trail takes pipeline events only, not " + event.detailType());
        }
        recordActivity.record(pipeline.event());
    }
}
