package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.BackendSettings;
import ai.socagent.testsupport.backends.Reachability;
import ai.socagent.testsupport.backends.TestBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class BackendSettingsTest {

    @Test
    void defaultsMatchScriptsBackendsSh() {
        BackendSettings settings = BackendSettings.of(Map.of(), Map.of());

        assertThat(settings.mode()).isEqualTo(BackendMode.PROCESS);
        assertThat(settings.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:15566"));
        assertThat(settings.awsRegion()).isEqualTo(Region.US_EAST_1);
        assertThat(settings.redisUri()).isEqualTo(URI.create("redis://127.0.0.1:16379"));
        assertThat(settings.openSearchUri()).isEqualTo(URI.create("http://127.0.0.1:19200"));
    }

    @Test
    void environmentBeatsDefault() {
        BackendSettings settings = BackendSettings.of(
                Map.of(),
                Map.of(
                        "SOC_TEST_AWS_ENDPOINT", "http://127.0.0.1:4566",
                        "SOC_TEST_AWS_REGION", "eu-west-1",
                        "SOC_TEST_REDIS_URI", "redis://127.0.0.1:6380",
                        "SOC_TEST_OPENSEARCH_URI", "http://127.0.0.1:9201",
                        "SOC_TEST_BACKENDS", "containers"));

        assertThat(settings.mode()).isEqualTo(BackendMode.CONTAINERS);
        assertThat(settings.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.awsRegion()).isEqualTo(Region.EU_WEST_1);
        assertThat(settings.redisUri()).isEqualTo(URI.create("redis://127.0.0.1:6380"));
        assertThat(settings.openSearchUri()).isEqualTo(URI.create("http://127.0.0.1:9201"));
    }

    @Test
    void systemPropertyBeatsEnvironment() {
        BackendSettings settings = BackendSettings.of(
                Map.of(
                        "soc.test.aws.endpoint", "http://127.0.0.1:1111",
                        "soc.test.redis.uri", "redis://127.0.0.1:2222",
                        "soc.test.backends", "process"),
                Map.of(
                        "SOC_TEST_AWS_ENDPOINT", "http://127.0.0.1:4566",
                        "SOC_TEST_REDIS_URI", "redis://127.0.0.1:6380",
                        "SOC_TEST_BACKENDS", "containers"));

        assertThat(settings.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:1111"));
        assertThat(settings.redisUri()).isEqualTo(URI.create("redis://127.0.0.1:2222"));
        assertThat(settings.mode()).isEqualTo(BackendMode.PROCESS);
        assertThat(settings.openSearchUri()).isEqualTo(URI.create("http://127.0.0.1:19200"));
    }

    @Test
    void blankOrUnresolvedMavenPropertyCountsAsUnset() {
        BackendSettings settings = BackendSettings.of(
                Map.of("soc.test.backends", "", "soc.test.aws.endpoint", "${soc.test.aws.endpoint}"),
                Map.of("SOC_TEST_BACKENDS", "  ", "SOC_TEST_AWS_ENDPOINT", "http://127.0.0.1:4566"));

        assertThat(settings.mode()).isEqualTo(BackendMode.PROCESS);
        assertThat(settings.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void badValuesAreRejectedWithTheirSource() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BackendSettings.of(Map.of("soc.test.backends", "docker"), Map.of())
                        .mode())
                .withMessageContaining("'docker'")
                .withMessageContaining("soc.test.backends");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BackendSettings.of(Map.of(), Map.of("SOC_TEST_REDIS_URI", "127.0.0.1"))
                        .redisUri())
                .withMessageContaining("SOC_TEST_REDIS_URI");
    }

    @Test
    void failsClearlyWhenNothingListens() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + freePort);

        assertThatIllegalStateException()
                .isThrownBy(() -> Reachability.require("moto server", nobody))
                .withMessageStartingWith("moto server is not reachable at " + nobody)
                .withMessageContaining("scripts/backends.sh start")
                .withMessageContaining("scripts/test.sh");
    }

    @Test
    void passesWhenSomethingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI listening = URI.create("redis://127.0.0.1:" + socket.getLocalPort());

            assertThatCode(() -> Reachability.require("Redis", listening)).doesNotThrowAnyException();
        }
    }

    @Test
    void configuresAwsClientBuilders() {
        // Path-style S3 addressing is proven by S3KmsIT: virtual-host style cannot reach 127.0.0.1.
        AwsEndpoint aws =
                new AwsEndpoint(URI.create("http://127.0.0.1:15566"), Region.US_EAST_1, AwsEndpoint.TEST_CREDENTIALS);

        try (S3Client s3 = aws.configure(S3Client.builder()).build();
                SqsClient sqs = aws.configure(SqsClient.builder()).build()) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(aws.endpoint());
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(aws.endpoint());
        }
    }

    @Test
    void uniqueNamesDiffer() {
        assertThat(TestBackends.uniqueName("Findings"))
                .matches("findings-[a-z0-9]{8}")
                .isNotEqualTo(TestBackends.uniqueName("findings"));
    }
}
