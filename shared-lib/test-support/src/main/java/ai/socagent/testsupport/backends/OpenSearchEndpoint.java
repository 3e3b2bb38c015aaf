package ai.socagent.testsupport.backends;

import java.net.URI;
import java.util.Objects;

/**
 * The OpenSearch node a test talks to: plain HTTP, no security plugin.
 *
 * @param uri e.g. {@code http://127.0.0.1:19200}
 */
public record OpenSearchEndpoint(URI uri) {

    public OpenSearchEndpoint {
        Objects.requireNonNull(uri, "uri");
    }

    public String scheme() {
        return uri.getScheme();
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return Reachability.port(uri);
    }
}
