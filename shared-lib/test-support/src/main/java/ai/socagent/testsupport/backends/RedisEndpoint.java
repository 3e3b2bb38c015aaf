package ai.socagent.testsupport.backends;

import java.net.URI;
import java.util.Objects;

/**
 * The Redis server a test talks to.
 *
 * @param uri a {@code redis://host:port} URI, as Lettuce's {@code RedisURI.create} takes it
 */
public record RedisEndpoint(URI uri) {

    public RedisEndpoint {
        Objects.requireNonNull(uri, "uri");
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return Reachability.port(uri);
    }
}
