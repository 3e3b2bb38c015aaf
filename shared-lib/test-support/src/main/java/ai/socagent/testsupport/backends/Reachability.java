package ai.socagent.testsupport.backends;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks that a backend accepts TCP connections before a test gets its endpoint, so that a missing
 * backend fails the test at once with a message that says what to do, instead of a client timeout.
 * Successful checks are remembered for the life of the JVM; failed ones are checked again.
 */
public final class Reachability {

    /** How long a connection attempt may take; backends run on this machine. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Set<String> REACHABLE = ConcurrentHashMap.newKeySet();

    private Reachability() {}

    /**
     * Returns if something accepts connections at the host and port of {@code uri}; otherwise throws
     * an {@link IllegalStateException} naming the backend, the endpoint, and how to start the
     * backends. Never skips: a missing backend is a failure, not an assumption.
     *
     * @param backend what should be listening, e.g. {@code "moto server"}
     * @param uri its endpoint; a missing port is the scheme's default
     */
    public static void require(String backend, URI uri) {
        String hostAndPort = uri.getHost() + ":" + port(uri);
        if (REACHABLE.contains(hostAndPort)) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    backend + " is not reachable at " + uri
                            + " — start the test backends with `scripts/backends.sh start`"
                            + " (or run everything with `scripts/test.sh`). Endpoints are set with the"
                            + " soc.test.* system properties or SOC_TEST_* environment variables"
                            + " (see BackendSettings). Cause: " + e,
                    e);
        }
        REACHABLE.add(hostAndPort);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> 443;
            case "redis", "rediss" -> 6379;
            default -> 80;
        };
    }
}
