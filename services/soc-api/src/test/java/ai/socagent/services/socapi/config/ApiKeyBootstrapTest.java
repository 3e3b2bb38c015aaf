package ai.socagent.services.socapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.services.socapi.adapter.out.contextstore.ContextStoreApiKeyStore;
import ai.socagent.services.socapi.application.ApiKeyService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first start prints an admin key once and keeps only its hash; later starts print nothing. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyBootstrapTest {

    @TempDir
    Path directory;

    @Test
    void start_firstTimeWithoutAnAdmin_printsAKeyOnce_laterStartsDoNot(CapturedOutput log) {
        try (ContextStoreCloser store = new ContextStoreCloser(
                EmbeddedContextStore.open(directory.resolve("store"), ContextTables.forEnvironment("test")))) {
            ApiKeyService apiKeys =
                    new ApiKeyService(new ContextStoreApiKeyStore(store.store().global()), Clock.systemUTC());
            SocApiSecurityProperties.ApiKeys settings = new SocApiSecurityProperties.ApiKeys(null, null);

            ByteArrayOutputStream first = new ByteArrayOutputStream();
            new ApiKeyBootstrap(apiKeys, settings, new PrintStream(first, true, StandardCharsets.UTF_8)).start();
            Matcher printed = Pattern.compile("X-Api-Key: (soc_\\S+)").matcher(first.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).isTrue();
            String key = printed.group(1);
            assertThat(apiKeys.authenticate(key)).isPresent();
            assertThat(log.getAll()).as("the log names the key id only").doesNotContain(key);

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            new ApiKeyBootstrap(apiKeys, settings, new PrintStream(second, true, StandardCharsets.UTF_8)).start();
            assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void start_withABootstrapKey_storesItsHashAndPrintsNothing() {
        try (ContextStoreCloser store = new ContextStoreCloser(
                EmbeddedContextStore.open(directory.resolve("store"), ContextTables.forEnvironment("test")))) {
            ApiKeyService apiKeys =
                    new ApiKeyService(new ContextStoreApiKeyStore(store.store().global()), Clock.systemUTC());
            String known = "soc_bootstrap-key-for-a-bench-0123";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ApiKeyBootstrap(
                            apiKeys,
                            new SocApiSecurityProperties.ApiKeys(known, null),
                            new PrintStream(out, true, StandardCharsets.UTF_8))
                    .start();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(apiKeys.authenticate(known)).isPresent();
        }
    }

    private record ContextStoreCloser(ContextStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
