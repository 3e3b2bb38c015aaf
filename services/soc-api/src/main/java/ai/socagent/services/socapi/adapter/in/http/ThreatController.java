package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.SubmissionResponse;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.ThreatDetail;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.ThreatSummary;
import ai.socagent.services.socapi.application.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.in.QueryThreatsUseCase;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import ai.socagent.services.socapi.config.SocApiProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The finding submission edge: GuardDuty, Security Hub (ASFF), OCSF 2004 or a plain threat,
 * bare or in its EventBridge envelope; the format is detected, never declared.
 *
 * <p>No class-level {@code @Validated}: Spring MVC's built-in method validation then checks the
 * parameter constraints and answers a 400 problem document instead of a 500.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ThreatController {

    private final SubmitFindingUseCase submitFinding;
    private final QueryThreatsUseCase queryThreats;
    private final IngestionMetrics metrics;
    private final long maxPayloadBytes;

    ThreatController(
            SubmitFindingUseCase submitFinding,
            QueryThreatsUseCase queryThreats,
            IngestionMetrics metrics,
            SocApiProperties properties) {
        this.submitFinding = submitFinding;
        this.queryThreats = queryThreats;
        this.metrics = metrics;
        this.maxPayloadBytes = properties.maxPayloadBytes();
    }

    @PostMapping(path = "/findings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionResponse> submitFinding(
            InputStream body, @RequestHeader(name = "Content-Length", required = false) Long contentLength)
            throws IOException {
        if (contentLength != null && contentLength > maxPayloadBytes) {
            throw new PayloadTooLargeException(maxPayloadBytes);
        }
        // Read at most one byte past the limit: a chunked body without Content-Length cannot
        // make the service buffer more than that.
        byte[] payload = body.readNBytes(Math.toIntExact(maxPayloadBytes + 1));
        if (payload.length > maxPayloadBytes) {
            throw new PayloadTooLargeException(maxPayloadBytes);
        }
        SubmissionReceipt receipt = submitFinding.submit(payload);
        metrics.accepted(receipt.format().name(), receipt.threats().size());
        ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted();
        if (receipt.threats().size() == 1) {
            accepted.location(
                    URI.create("/api/v1/threats/" + receipt.threats().getFirst().threatId()));
        }
        return accepted.body(SubmissionResponse.from(receipt));
    }

    @GetMapping("/threats/{threatId}")
    ThreatDetail threat(@PathVariable String threatId) {
        return queryThreats
                .findThreat(threatId)
                .map(ThreatDetail::from)
                .orElseThrow(() -> new ThreatNotFoundException(threatId));
    }

    @GetMapping("/threats")
    List<ThreatSummary> recentThreats(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return queryThreats.recentThreats(limit).stream()
                .map(ThreatSummary::from)
                .toList();
    }
}
