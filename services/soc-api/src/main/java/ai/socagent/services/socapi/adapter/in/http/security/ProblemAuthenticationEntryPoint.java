package ai.socagent.services.socapi.adapter.in.http.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** No (or no valid) credentials: a 401 problem document. */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail = failure instanceof InvalidBearerTokenException
                ? "The bearer token is not valid."
                : "This endpoint needs credentials: an X-Api-Key header or a bearer token.";
        SecurityProblems.unauthenticated(request, response, detail);
    }
}
