package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.SubmissionResponse;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.ThreatDetail;
import ai.socagent.services.socapi.adapter.in.http.ThreatResponses.ThreatSummary;
import ai.socagent.services.socapi.application.port.in.QueryThreatsUseCase;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
@Tag(name = "threats", description = "Finding submission and threat queries")
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ThreatController {

    private final SubmitFindingUseCase submitFinding;
    private final QueryThreatsUseCase queryThreats;
    private final IngestionMetrics metrics;
    private final long maxPayloadBytes;

    ThreatController(SubmitFindingUseCase submitFinding, QueryThreatsUseCase queryThreats, IngestionMetrics metrics) {
        this.submitFinding = submitFinding;
        this.queryThreats = queryThreats;
        this.metrics = metrics;
        // The use case's own limit (soc.api.max-payload-bytes, through its ingestion), so the edge
        // refuses exactly what submit would, without reading the configuration itself.
        this.maxPayloadBytes = submitFinding.maxPayloadBytes();
    }

    /** Where submissions went until this release; kept for one release as a permanent redirect. */
    @PostMapping(path = "/findings")
    @Operation(
            summary = "Former submission path: 308 to POST /api/v1/threats (for one release)",
            deprecated = true,
            description = "A permanent redirect that keeps the method and the body: clients that follow it resubmit"
                    + " to /api/v1/threats; update them to post there.")
    @ApiResponse(
            responseCode = "308",
            description = "Permanent redirect to /api/v1/threats",
            headers = @Header(name = "Location", description = "/api/v1/threats", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(hidden = true)))
    ResponseEntity<Void> formerSubmissionPath() {
        return ResponseEntity.status(org.springframework.http.HttpStatus.PERMANENT_REDIRECT)
                .location(URI.create("/api/v1/threats"))
                .build();
    }

    @PostMapping(path = "/threats", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Submit a security finding",
            description = "GuardDuty (bare or EventBridge event), Security Hub ASFF (finding, {\"Findings\": [...]} or"
                    + " EventBridge event), OCSF Detection Finding (class_uid 2004) or a plain threat. The format is"
                    + " detected; each finding becomes a threat.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            type = "object",
                                                            description = "A finding in any supported format"))))
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: one threat per finding; Location names the threat when there is one",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/v1/threats/{threatId} of the one threat",
                            schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid finding: every broken rule in 'violations'",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "Payload over the size limit",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<SubmissionResponse> submitFinding(
            @Parameter(hidden = true) InputStream body,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Length", required = false) Long contentLength)
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
    @Operation(summary = "One threat: its normalised finding, original payload, classification and pipeline activity")
    @ApiResponse(responseCode = "200", description = "The threat")
    @ApiResponse(
            responseCode = "404",
            description = "Unknown threat id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ThreatDetail threat(@PathVariable String threatId) {
        return queryThreats
                .findThreat(threatId)
                .map(ThreatDetail::from)
                .orElseThrow(() -> new ThreatNotFoundException(threatId));
    }

    @GetMapping("/threats")
    @Operation(summary = "The newest threats first")
    @ApiResponse(responseCode = "200", description = "The threats, newest first")
    @ApiResponse(
            responseCode = "400",
            description = "limit outside 1..500",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    List<ThreatSummary> recentThreats(
            // Read as text: Spring would take an empty "limit=" for the default, but it is no number.
            @Parameter(
                            description = "How many, 1 to 500",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "" + DEFAULT_LIMIT))
                    @RequestParam(name = "limit", required = false)
                    String limit) {
        return queryThreats.recentThreats(limit(limit)).stream()
                .map(ThreatSummary::from)
                .toList();
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidParameterException("limit", "an integer from 1 to " + MAX_LIMIT + ", not '" + text + "'");
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "an integer from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }
}
