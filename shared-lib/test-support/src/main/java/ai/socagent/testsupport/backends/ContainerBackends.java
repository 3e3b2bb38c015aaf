package ai.socagent.testsupport.backends;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@link BackendMode#CONTAINERS}: the backends as Docker containers, each started the first time a
 * test asks for it and shared by the whole JVM; Testcontainers' reaper removes them when the JVM
 * exits. Nothing here is loaded in process mode, so a machine without Docker never touches it.
 *
 * <p>Not exercised by this project's own build: its machines and CI have no Docker engine, so only
 * process mode runs there. It compiles, and it is what a developer with Docker can switch to with
 * {@code SOC_TEST_BACKENDS=containers} (or {@code -Dsoc.test.backends=containers}).
 */
final class ContainerBackends {

    /** Pinned, and the same tags as docker-compose.yml: LocalStack's later images want an auth token. */
    static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4.0";

    static final String REDIS_IMAGE = "redis:7.4.2-alpine";
    static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:3.3.2";

    private ContainerBackends() {}

    static AwsEndpoint aws() {
        LocalStackContainer localStack = container(LOCALSTACK_IMAGE, () -> LocalStack.CONTAINER);
        return new AwsEndpoint(
                localStack.getEndpoint(),
                Region.of(localStack.getRegion()),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())));
    }

    static RedisEndpoint redis() {
        GenericContainer<?> redis = container(REDIS_IMAGE, () -> Redis.CONTAINER);
        return new RedisEndpoint(URI.create("redis://" + redis.getHost() + ":" + redis.getMappedPort(Redis.PORT)));
    }

    static OpenSearchEndpoint openSearch() {
        GenericContainer<?> openSearch = container(OPENSEARCH_IMAGE, () -> OpenSearch.CONTAINER);
        return new OpenSearchEndpoint(
                URI.create("http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(OpenSearch.PORT)));
    }

    /** The holder's container; a failed start (no Docker, say) as one clear message, on every call. */
    private static <C> C container(String image, Supplier<C> holder) {
        try {
            return holder.get();
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    "Could not start the test container " + image + " (" + BackendSettings.MODE_ENV
                            + "=containers needs a Docker engine; without one use the default process mode:"
                            + " scripts/backends.sh start, or scripts/test.sh)",
                    e.getCause() != null ? e.getCause() : e);
        }
    }

    private static <C extends GenericContainer<?>> C started(C container) {
        container.start();
        return container;
    }

    private static final class LocalStack {
        static final LocalStackContainer CONTAINER =
                started(new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE)));
    }

    private static final class Redis {
        static final int PORT = 6379;
        static final GenericContainer<?> CONTAINER = started(new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1)));
    }

    private static final class OpenSearch {
        static final int PORT = 9200;
        static final GenericContainer<?> CONTAINER =
                started(new GenericContainer<>(DockerImageName.parse(OPENSEARCH_IMAGE))
                        .withExposedPorts(PORT)
                        .withEnv("discovery.type", "single-node")
                        .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                        .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
                        .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                        .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=50s")
                                .forPort(PORT)
                                .forStatusCode(200)
                                .withStartupTimeout(Duration.ofMinutes(3))));
    }
}
