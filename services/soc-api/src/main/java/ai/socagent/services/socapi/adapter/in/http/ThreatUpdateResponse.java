package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.services.socapi.domain.ThreatUpdate;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One {@code threat-update} event of the stream, as JSON in its {@code data} field. */
@Schema(name = "ThreatUpdate", description = "A pipeline event was filed in an investigation's audit trail")
record ThreatUpdateResponse(
        @Schema(description = "The pipeline event's id (an update may come twice: delivery is at least once)")
        String eventId,

        @Schema(description = "The event's detail-type", example = "Threat Classification Complete")
        String detailType,

        String investigationId,

        @Schema(
                description = "The threat, where the event names it (submission, classification, emergency)",
                nullable = true)
        String threatId,

        Instant occurredAt,

        @Schema(description = "The audit trail's one-sentence summary")
        String summary) {

    static ThreatUpdateResponse of(ThreatUpdate update) {
        return new ThreatUpdateResponse(
                update.eventId(),
                update.detailType(),
                update.investigationId(),
                update.threatId().orElse(null),
                update.occurredAt(),
                update.summary());
    }
}
