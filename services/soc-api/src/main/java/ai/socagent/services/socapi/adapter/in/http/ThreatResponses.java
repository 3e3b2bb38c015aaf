package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TacticAssignment;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.domain.ThreatView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the threat API. Domain records never leave through HTTP as they are. */
final class ThreatResponses {

    private ThreatResponses() {}

    record SubmissionResponse(String format, int accepted, List<ThreatSummary> threats) {
        static SubmissionResponse from(SubmissionReceipt receipt) {
            return new SubmissionResponse(
                    receipt.format().name(),
                    receipt.threats().size(),
                    receipt.threats().stream().map(ThreatSummary::from).toList());
        }
    }

    record ThreatSummary(
            String threatId,
            String findingId,
            String correlationId,
            String source,
            String findingType,
            String title,
            String severity,
            Instant submittedAt) {
        static ThreatSummary from(Threat threat) {
            Finding finding = threat.finding();
            return new ThreatSummary(
                    threat.threatId(),
                    finding.findingId(),
                    threat.correlationId(),
                    finding.source().name(),
                    finding.findingType(),
                    finding.title(),
                    finding.severity().name(),
                    threat.submittedAt());
        }
    }

    record ThreatDetail(
            String threatId,
            String correlationId,
            Instant submittedAt,
            FindingView finding,

            @Schema(nullable = true, description = "Once the ThreatClassifier gave its verdict")
            ClassificationView classification,

            @Schema(nullable = true) String investigationId,
            List<ActivityView> activity) {
        static ThreatDetail from(ThreatView view) {
            Threat threat = view.threat();
            return new ThreatDetail(
                    threat.threatId(),
                    threat.correlationId(),
                    threat.submittedAt(),
                    FindingView.from(threat.finding(), view.rawPayload().orElse(null)),
                    view.classification().map(ClassificationView::from).orElse(null),
                    // the investigation is opened by the classification
                    view.classification().isPresent() ? view.investigationId() : null,
                    view.activity().stream().map(ActivityView::from).toList());
        }
    }

    record ClassificationView(
            String category,
            String severity,
            double confidence,
            List<TacticAssignment> tactics,
            List<TechniqueAssignment> techniques,
            String classifiedBy,
            Instant classifiedAt,

            @Schema(
                    description =
                            "Why the offline engine gave this verdict rather than a model; absent when a model gave it",
                    nullable = true)
            String fallbackReason) {
        static ClassificationView from(Classification classification) {
            return new ClassificationView(
                    classification.category().name(),
                    classification.severity().name(),
                    classification.confidence(),
                    classification.tactics(),
                    classification.techniques(),
                    classification.classifiedBy(),
                    classification.classifiedAt(),
                    classification.fallbackReason().orElse(null));
        }
    }

    record ActivityView(String eventId, String detailType, Instant occurredAt, String summary) {
        static ActivityView from(AuditEntry entry) {
            return new ActivityView(entry.eventId(), entry.detailType(), entry.occurredAt(), entry.summary());
        }
    }

    record FindingView(
            String findingId,
            String source,
            String format,
            String sourceFindingId,
            String findingType,
            String title,
            String description,
            String severity,
            double sourceSeverityScore,
            @Schema(nullable = true) String accountId,
            @Schema(nullable = true) String region,
            Instant firstSeen,
            Instant lastSeen,
            List<ResourceView> resources,
            List<IndicatorView> indicators,

            @Schema(nullable = true, description = "null once the evidence is gone")
            String rawPayload) {
        static FindingView from(Finding finding, String rawPayload) {
            return new FindingView(
                    finding.findingId(),
                    finding.source().name(),
                    finding.format().name(),
                    finding.sourceFindingId(),
                    finding.findingType(),
                    finding.title(),
                    finding.description(),
                    finding.severity().name(),
                    finding.sourceSeverityScore(),
                    finding.accountId().orElse(null),
                    finding.region().orElse(null),
                    finding.firstSeen(),
                    finding.lastSeen(),
                    finding.resources().stream().map(ResourceView::from).toList(),
                    finding.indicators().stream().map(IndicatorView::from).toList(),
                    rawPayload);
        }
    }

    record ResourceView(
            String type,
            String id,
            @Schema(nullable = true) String arn,
            @Schema(nullable = true) String region,
            Map<String, String> tags) {
        static ResourceView from(Resource resource) {
            return new ResourceView(
                    resource.type().name(),
                    resource.id(),
                    resource.arn().orElse(null),
                    resource.region().orElse(null),
                    resource.tags());
        }
    }

    record IndicatorView(String type, String value, boolean privateAddress) {
        static IndicatorView from(Indicator indicator) {
            return new IndicatorView(indicator.type().name(), indicator.value(), indicator.privateAddress());
        }
    }
}
