package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.Violation;
import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.application.port.in.SelfRevocationException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of this API is an RFC 9457 problem document with a stable {@code type}
 * ({@link ProblemTypes}); Spring's own errors (415, 405, bad parameters) come through
 * {@link ResponseEntityExceptionHandler} in the same shape.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final String PAYLOAD_TOO_LARGE_RULE = "payload.too-large";

    private final IngestionMetrics metrics;

    ProblemDetailsAdvice(IngestionMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(FindingRejectedException.class)
    ProblemDetail findingRejected(FindingRejectedException rejected, HttpServletRequest request) {
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
        return at(problem, request);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail payloadTooLarge(PayloadTooLargeException tooLarge, HttpServletRequest request) {
        metrics.rejected(PAYLOAD_TOO_LARGE_RULE);
        ProblemDetail problem = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large",
                tooLarge.getMessage(),
                request);
        problem.setProperty("limitBytes", tooLarge.limitBytes());
        return problem;
    }

    @ExceptionHandler(ThreatNotFoundException.class)
    ProblemDetail threatNotFound(ThreatNotFoundException notFound, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.THREAT_NOT_FOUND,
                "Threat not found",
                notFound.getMessage(),
                request);
        problem.setProperty("threatId", notFound.threatId());
        return problem;
    }

    @ExceptionHandler(AgentNotFoundException.class)
    ProblemDetail agentNotFound(AgentNotFoundException notFound, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND, ProblemTypes.AGENT_NOT_FOUND, "Agent not found", notFound.getMessage(), request);
        problem.setProperty("agent", notFound.agent());
        return problem;
    }

    @ExceptionHandler(ApiKeyNotFoundException.class)
    ProblemDetail apiKeyNotFound(ApiKeyNotFoundException notFound, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.API_KEY_NOT_FOUND,
                "API key not found",
                notFound.getMessage(),
                request);
        problem.setProperty("keyId", notFound.keyId());
        return problem;
    }

    @ExceptionHandler(SelfRevocationException.class)
    ProblemDetail selfRevocation(SelfRevocationException refused, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT,
                ProblemTypes.SELF_REVOCATION,
                "A key cannot revoke itself",
                refused.getMessage(),
                request);
        problem.setProperty("keyId", refused.keyId());
        return problem;
    }

    @ExceptionHandler(TooManyFollowersException.class)
    ResponseEntity<ProblemDetail> tooManyFollowers(TooManyFollowersException refused, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.TOO_MANY_FOLLOWERS,
                "Too many live views",
                refused.getMessage(),
                request);
        problem.setProperty("limit", refused.limit());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * A query string Tomcat cannot parse ({@code ?=x}: a parameter without a name) when a parameter
     * is read: the client's request is malformed.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail malformedQuery(
            org.apache.tomcat.util.http.InvalidParameterException malformed, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.REQUEST_REJECTED,
                "Request rejected",
                "The request's query string cannot be parsed (a parameter without a name?).",
                request);
    }

    /** A multipart Content-Type no body can match (no boundary): the client's request is malformed. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException malformed, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.REQUEST_REJECTED,
                "Request rejected",
                "The request's multipart Content-Type cannot be parsed.",
                request);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException invalid, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.INVALID_PARAMETER,
                "Invalid parameter",
                invalid.getMessage(),
                request);
        problem.setProperty("parameter", invalid.parameter());
        return problem;
    }

    @ExceptionHandler(InvalidApiKeyRequestException.class)
    ProblemDetail invalidApiKeyRequest(InvalidApiKeyRequestException invalid, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.INVALID_PARAMETER,
                "Invalid parameter",
                invalid.getMessage(),
                request);
    }

    /**
     * Every problem Spring MVC builds here gets an absolute {@code instance} (the request's URL): left
     * unset, Spring would put the relative path, which RFC 9457 allows but clients (and schemathesis)
     * resolve inconsistently.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && problem.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            absoluteInstance(servlet.getRequest()).ifPresent(problem::setInstance);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A problem of this advice's own handlers: its status, type, title and detail, and an absolute {@code instance}. */
    private static ProblemDetail problem(
            HttpStatus status, URI type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return at(problem, request);
    }

    /** The problems of this advice's own handlers, with the same absolute {@code instance}. */
    private static ProblemDetail at(ProblemDetail problem, HttpServletRequest request) {
        absoluteInstance(request).ifPresent(problem::setInstance);
        return problem;
    }

    private static Optional<URI> absoluteInstance(HttpServletRequest request) {
        try {
            return Optional.of(URI.create(request.getRequestURL().toString()));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** A parameter outside its declared constraints ({@code limit=0}): the client's to fix. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidParameter(invalid, headers, status, request);
    }

    /** A request body that breaks its constraints (an API key without a name). */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            org.springframework.web.bind.MethodArgumentNotValidException invalid,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return invalidParameter(invalid, headers, status, request);
    }

    /**
     * A parameter that is not of its type ({@code limit=abc}, {@code limit=null}). Spring's own
     * handler builds the problem (the exception is no {@code ErrorResponse} that carries one).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asInvalidParameter(super.handleTypeMismatch(invalid, headers, status, request));
    }

    private ResponseEntity<Object> invalidParameter(
            Exception invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asInvalidParameter(super.handleExceptionInternal(invalid, null, headers, status, request));
    }

    private static ResponseEntity<Object> asInvalidParameter(ResponseEntity<Object> response) {
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(ProblemTypes.INVALID_PARAMETER);
            problem.setTitle("Invalid parameter");
        }
        return response;
    }

    /**
     * Anything else is our fault, not the client's: a 500 problem document that names a reference
     * and leaks no internals, and a log line with the whole cause under the same reference. A domain
     * precondition failing inside the service (an {@link IllegalArgumentException} deep in a use
     * case) belongs here too: only what the client sent is a 400.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail internalError(Exception error, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.error("Request failed [reference {}]", reference, error);
        ProblemDetail problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "The service could not complete the request; quote reference " + reference + " to the operator.",
                request);
        problem.setProperty("reference", reference);
        return problem;
    }
}
