package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.Violation;
import ai.socagent.observability.IngestionMetrics;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of this API is an RFC 9457 problem document with a stable {@code type}
 * ({@link ProblemTypes}); Spring's own errors (415, 405, bad parameters) come through
 * {@link ResponseEntityExceptionHandler} in the same shape.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final String PAYLOAD_TOO_LARGE_RULE = "payload.too-large";

    private final IngestionMetrics metrics;

    ProblemDetailsAdvice(IngestionMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(FindingRejectedException.class)
    ProblemDetail findingRejected(FindingRejectedException rejected) {
        List<Violation> violations = rejected.violations();
        metrics.rejected(
                violations.isEmpty() ? "unknown" : violations.getFirst().rule());
        boolean tooLarge = violations.stream().anyMatch(v -> PAYLOAD_TOO_LARGE_RULE.equals(v.rule()));
        ProblemDetail problem = tooLarge
                ? ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, rejected.getMessage())
                : ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST,
                        violations.size() + " rule(s) broken; nothing was accepted. See 'violations'.");
        problem.setType(tooLarge ? ProblemTypes.PAYLOAD_TOO_LARGE : ProblemTypes.INVALID_FINDING);
        problem.setTitle(tooLarge ? "Payload too large" : "Invalid finding");
        problem.setProperty(
                "violations",
                violations.stream()
                        .map(v -> Map.of("path", v.path(), "rule", v.rule(), "message", v.message()))
                        .toList());
        return problem;
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail payloadTooLarge(PayloadTooLargeException tooLarge) {
        metrics.rejected(PAYLOAD_TOO_LARGE_RULE);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
        problem.setTitle("Payload too large");
        problem.setProperty("limitBytes", tooLarge.limitBytes());
        return problem;
    }

    @ExceptionHandler(ThreatNotFoundException.class)
    ProblemDetail threatNotFound(ThreatNotFoundException notFound) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
        problem.setType(ProblemTypes.THREAT_NOT_FOUND);
        problem.setTitle("Threat not found");
        problem.setProperty("threatId", notFound.threatId());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidParameter(IllegalArgumentException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setType(ProblemTypes.INVALID_PARAMETER);
        problem.setTitle("Invalid parameter");
        return problem;
    }
}
