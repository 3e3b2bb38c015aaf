package ai.socagent.testsupport.backends;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.regions.Region;

/**
 * Where the test backends are, in {@link BackendMode#PROCESS} mode. Each setting is read from a system
 * property first, then an environment variable, else the default that {@code scripts/backends.sh}
 * uses. A blank value, or a Maven expression left unresolved ({@code ${...}}), counts as unset.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>soc.test.backends</td><td>SOC_TEST_BACKENDS</td><td>process</td></tr>
 *   <tr><td>soc.test.aws.endpoint</td><td>SOC_TEST_AWS_ENDPOINT</td><td>http://127.0.0.1:15566</td></tr>
 *   <tr><td>soc.test.aws.region</td><td>SOC_TEST_AWS_REGION</td><td>us-east-1</td></tr>
 *   <tr><td>soc.test.redis.uri</td><td>SOC_TEST_REDIS_URI</td><td>redis://127.0.0.1:16379</td></tr>
 *   <tr><td>soc.test.opensearch.uri</td><td>SOC_TEST_OPENSEARCH_URI</td><td>http://127.0.0.1:19200</td></tr>
 * </table>
 */
public final class BackendSettings {

    public static final String MODE_PROPERTY = "soc.test.backends";
    public static final String MODE_ENV = "SOC_TEST_BACKENDS";
    public static final String AWS_ENDPOINT_PROPERTY = "soc.test.aws.endpoint";
    public static final String AWS_ENDPOINT_ENV = "SOC_TEST_AWS_ENDPOINT";
    public static final String AWS_REGION_PROPERTY = "soc.test.aws.region";
    public static final String AWS_REGION_ENV = "SOC_TEST_AWS_REGION";
    public static final String REDIS_URI_PROPERTY = "soc.test.redis.uri";
    public static final String REDIS_URI_ENV = "SOC_TEST_REDIS_URI";
    public static final String OPENSEARCH_URI_PROPERTY = "soc.test.opensearch.uri";
    public static final String OPENSEARCH_URI_ENV = "SOC_TEST_OPENSEARCH_URI";

    public static final String DEFAULT_AWS_ENDPOINT = "http://127.0.0.1:15566";
    public static final String DEFAULT_AWS_REGION = "us-east-1";
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:16379";
    public static final String DEFAULT_OPENSEARCH_URI = "http://127.0.0.1:19200";

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    private BackendSettings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** The settings of this JVM: {@link System#getProperty} then {@link System#getenv}. */
    public static BackendSettings fromSystem() {
        return new BackendSettings(System::getProperty, System::getenv);
    }

    /** Settings from the given maps, for tests of the resolution itself. */
    public static BackendSettings of(Map<String, String> systemProperties, Map<String, String> environment) {
        Map<String, String> properties = Map.copyOf(systemProperties);
        Map<String, String> env = Map.copyOf(environment);
        return new BackendSettings(properties::get, env::get);
    }

    public BackendMode mode() {
        return BackendMode.parse(resolve(MODE_PROPERTY, MODE_ENV, "process"));
    }

    public URI awsEndpoint() {
        return uri(AWS_ENDPOINT_PROPERTY, AWS_ENDPOINT_ENV, DEFAULT_AWS_ENDPOINT);
    }

    public Region awsRegion() {
        return Region.of(resolve(AWS_REGION_PROPERTY, AWS_REGION_ENV, DEFAULT_AWS_REGION));
    }

    public URI redisUri() {
        return uri(REDIS_URI_PROPERTY, REDIS_URI_ENV, DEFAULT_REDIS_URI);
    }

    public URI openSearchUri() {
        return uri(OPENSEARCH_URI_PROPERTY, OPENSEARCH_URI_ENV, DEFAULT_OPENSEARCH_URI);
    }

    private URI uri(String property, String env, String defaultValue) {
        String value = resolve(property, env, defaultValue);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Test backend endpoint '" + value + "' (from " + property + " / " + env + ") is not a URI with"
                            + " scheme and host, e.g. " + defaultValue,
                    e);
        }
    }

    private String resolve(String property, String env, String defaultValue) {
        String fromProperty = systemProperties.apply(property);
        if (isSet(fromProperty)) {
            return fromProperty.strip();
        }
        String fromEnv = environment.apply(env);
        if (isSet(fromEnv)) {
            return fromEnv.strip();
        }
        return Objects.requireNonNull(defaultValue);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.strip().startsWith("${");
    }
}
