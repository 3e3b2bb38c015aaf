package ai.socagent.eventbus;

import ai.socagent.domain.event.DomainEvent;

/** An event as a consumer receives it: one of the pipeline's own, or a raw AWS finding event. */
public sealed interface InboundEvent {

    /** The id consumers deduplicate by. */
    String deduplicationId();

    /** The detail-type it arrived with. */
    String detailType();

    /**
     * A pipeline event.
     *
     * @param event the decoded event
     * @param trace the trace it continues
     */
    record PipelineEvent(DomainEvent event, TraceContext trace) implements InboundEvent {
        @Override
        public String deduplicationId() {
            return event.eventId();
        }

        @Override
        public String detailType() {
            return event.detailType();
        }
    }

    /**
     * A finding event AWS delivered ({@code aws.guardduty} or {@code aws.securityhub}), passed on
     * verbatim for finding ingestion.
     *
     * @param id the EventBridge event id
     * @param source {@code aws.guardduty} or {@code aws.securityhub}
     * @param detailType {@code GuardDuty Finding} or {@code Security Hub Findings - Imported}
     * @param eventJson the whole EventBridge event
     */
    record AwsFindingEvent(String id, String source, String detailType, String eventJson) implements InboundEvent {
        @Override
        public String deduplicationId() {
            return source + ":" + id;
        }
    }
}
