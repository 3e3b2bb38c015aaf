package ai.socagent.services.socapi.adapter.in.http.security;

import ai.socagent.services.socapi.adapter.in.http.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem documents of a refused request, written by the security filters before any controller
 * runs (so not through the MVC advice), in the same shape as every other error of the API. {@code
 * instance} is the absolute URL of the request, never a relative reference.
 */
public final class SecurityProblems {

    /** What a 401 tells the client it may present. */
    public static final String WWW_AUTHENTICATE = "ApiKey header=\"X-Api-Key\", Bearer";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SecurityProblems() {}

    public static void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE);
        write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthenticated", detail);
    }

    public static void forbidden(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    public static void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                ProblemTypes.TOO_MANY_REQUESTS,
                "Too many requests",
                "This client is over its request rate; retry after " + retryAfterSeconds + " s.");
    }

    /**
     * A request the firewall refused before anything else saw it (an encoded semicolon or slash, a
     * method no endpoint has): 405 for the method, else 400.
     */
    public static void rejected(HttpServletRequest request, HttpServletResponse response, AllowedMethods allowed)
            throws IOException {
        boolean knownMethod = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
                .contains(request.getMethod());
        if (knownMethod) {
            write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.REQUEST_REJECTED,
                    "Request rejected",
                    "The request's URL or headers are not accepted (encoded separators, control characters).");
        } else {
            response.setHeader("Allow", allowed.at(request));
            write(
                    request,
                    response,
                    HttpStatus.METHOD_NOT_ALLOWED,
                    ProblemTypes.REQUEST_REJECTED,
                    "Method not allowed",
                    "No endpoint of this API takes the method " + request.getMethod() + ".");
        }
    }

    private static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            URI type,
            String title,
            String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        instance(request).ifPresent(instance -> problem.put("instance", instance));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
        response.getWriter().flush();
    }

    /** The request's absolute URL (no query), or nothing if it does not make a URI. */
    static java.util.Optional<String> instance(HttpServletRequest request) {
        try {
            return java.util.Optional.of(
                    URI.create(request.getRequestURL().toString()).toString());
        } catch (IllegalArgumentException notAUri) {
            return java.util.Optional.empty();
        }
    }
}
