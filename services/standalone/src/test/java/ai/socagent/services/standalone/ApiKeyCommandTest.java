package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.config.ApiKeyCommandLine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar standalone.jar api-keys ...} manages the keys the standalone's API accepts, on the
 * same store, while the standalone is stopped.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyCommandTest {

    private static final Pattern CREATED = Pattern.compile("created (key_[0-9a-f]+) .*\\R(soc_[A-Za-z0-9_-]+)");

    @TempDir
    Path data;

    @Test
    void createListRevoke_onTheStandalonesStore_areWhatItsApiAccepts(CapturedOutput output) throws Exception {
        String store = "--soc.context-store.embedded.file=" + data.resolve("context-store");
        assertThat(ApiKeyCommandLine.run("create", "--name", "ci runner", "--role", "analyst", store))
                .isZero();
        Matcher created = CREATED.matcher(output.getOut());
        assertThat(created.find()).as(output.getOut()).isTrue();
        String keyId = created.group(1);
        String key = created.group(2);

        try (ConfigurableApplicationContext standalone = start()) {
            assertThat(get(standalone, key)).isEqualTo(200);
            assertThat(get(standalone, "soc_not-a-key-0000000000000000")).isEqualTo(401);
        }

        assertThat(ApiKeyCommandLine.run("revoke", keyId, store)).isZero();
        assertThat(ApiKeyCommandLine.run("list", store)).isZero();
        assertThat(output.getOut()).containsPattern(keyId + " +analyst +\\S+ +20\\d\\d-\\S+ +ci runner");
        assertThat(output.getOut())
                .as("no hash is printed")
                .doesNotContain(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        try (ConfigurableApplicationContext standalone = start()) {
            assertThat(get(standalone, key)).isEqualTo(401);
        }
        assertThat(ApiKeyCommandLine.run("revoke", "key_unknown", store)).isEqualTo(1);
        assertThat(ApiKeyCommandLine.run("create", "--name", "x", "--role", "root", store))
                .isEqualTo(2);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .run(
                        "--server.port=0",
                        "--soc.standalone.replay-samples=false",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"));
    }

    private static int get(ConfigurableApplicationContext context, String key) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats"))
                                .header("X-Api-Key", key)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
