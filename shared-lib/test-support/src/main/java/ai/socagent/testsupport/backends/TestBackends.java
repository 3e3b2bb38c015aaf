package ai.socagent.testsupport.backends;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Hands integration tests ({@code *IT}) the endpoints of their real backends: an AWS API emulator,
 * Redis and OpenSearch.
 *
 * <p>In {@link BackendMode#PROCESS} mode (the default) the backends are local processes that
 * {@code scripts/backends.sh start} runs and {@code scripts/test.sh} starts around the build; their
 * endpoints come from {@link BackendSettings}. Each endpoint is checked to accept connections before
 * it is handed out (once per JVM), and a missing backend <em>fails</em> the test with a message that
 * says how to start it: tests are never skipped for want of a backend.
 *
 * <p>In {@link BackendMode#CONTAINERS} mode ({@code SOC_TEST_BACKENDS=containers}) Testcontainers
 * starts LocalStack, Redis and OpenSearch instead, once per JVM; the same test classes run either way.
 *
 * <p>Tests share the backends across runs and classes: name every resource with {@link #uniqueName}.
 */
public final class TestBackends {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private TestBackends() {}

    /** The mode of this JVM, from {@code soc.test.backends} / {@code SOC_TEST_BACKENDS}. */
    public static BackendMode mode() {
        return BackendSettings.fromSystem().mode();
    }

    /** The AWS API emulator; configure clients with {@link AwsEndpoint#configure}. */
    public static AwsEndpoint aws() {
        BackendSettings settings = BackendSettings.fromSystem();
        if (settings.mode() == BackendMode.CONTAINERS) {
            return ContainerBackends.aws();
        }
        URI endpoint = settings.awsEndpoint();
        refuseRealAws(endpoint);
        Reachability.require("moto server", endpoint);
        return new AwsEndpoint(endpoint, settings.awsRegion(), AwsEndpoint.TEST_CREDENTIALS);
    }

    /** The Redis server. */
    public static RedisEndpoint redis() {
        BackendSettings settings = BackendSettings.fromSystem();
        if (settings.mode() == BackendMode.CONTAINERS) {
            return ContainerBackends.redis();
        }
        URI uri = settings.redisUri();
        Reachability.require("Redis", uri);
        return new RedisEndpoint(uri);
    }

    /** The OpenSearch node. */
    public static OpenSearchEndpoint openSearch() {
        BackendSettings settings = BackendSettings.fromSystem();
        if (settings.mode() == BackendMode.CONTAINERS) {
            return ContainerBackends.openSearch();
        }
        URI uri = settings.openSearchUri();
        Reachability.require("OpenSearch", uri);
        return new OpenSearchEndpoint(uri);
    }

    /**
     * {@code prefix-xxxxxxxx}: the prefix and eight random lower-case letters and digits, valid in
     * the names of S3 buckets, queues, topics, tables, indices and Redis keys alike.
     */
    public static String uniqueName(String prefix) {
        StringBuilder name = new StringBuilder(prefix.toLowerCase(Locale.ROOT)).append('-');
        for (int i = 0; i < 8; i++) {
            name.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return name.toString();
    }

    private static void refuseRealAws(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith("amazonaws.com") || host.endsWith("amazonaws.com.cn") || host.endsWith(".api.aws")) {
            throw new IllegalStateException("Integration tests never talk to real AWS, but the test AWS endpoint is "
                    + endpoint + ": point " + BackendSettings.AWS_ENDPOINT_ENV + " at moto or LocalStack");
        }
    }
}
