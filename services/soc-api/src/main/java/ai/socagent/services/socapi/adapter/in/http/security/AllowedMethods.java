package ai.socagent.services.socapi.adapter.in.http.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The methods the API's endpoints take at a request's path, for the {@code Allow} header RFC 9110
 * requires on a 405 (Spring MVC writes it on its own 405s; the firewall's refusals of unknown
 * methods come before Spring MVC and need it here).
 */
public final class AllowedMethods {

    private final RequestMappingHandlerMapping mappings;

    public AllowedMethods(RequestMappingHandlerMapping mappings) {
        this.mappings = Objects.requireNonNull(mappings, "mappings");
    }

    /** The header's value: the methods, sorted and comma-separated (empty when no endpoint has the path). */
    public String at(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        Set<String> methods = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                if (pattern.matches(path)) {
                    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                    methods.addAll(
                            declared.isEmpty()
                                    ? Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                                    : declared.stream().map(RequestMethod::name).collect(Collectors.toSet()));
                }
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return String.join(", ", methods);
    }
}
