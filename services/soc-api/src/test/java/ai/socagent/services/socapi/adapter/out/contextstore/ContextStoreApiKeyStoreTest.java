package ai.socagent.services.socapi.adapter.out.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.services.socapi.application.ApiKeyService;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import ai.socagent.services.socapi.domain.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys in the context store: only hashes are kept, two instances of the API share the keys, and a
 * key revoked on one stops working on the other within the cache's lifetime.
 */
class ContextStoreApiKeyStoreTest {

    @TempDir
    Path directory;

    private ContextStore store;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(directory.resolve("store"), ContextTables.forEnvironment("test"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void create_keepsTheHashOnly_neverExpiring() {
        ApiKeyService service = new ApiKeyService(new ContextStoreApiKeyStore(store.global()), Clock.systemUTC());
        CreatedApiKey created = service.create("ci", Role.ANALYST);

        GlobalContextEntry entry = store.global()
                .find(ContextStoreApiKeyStore.CONTEXT_TYPE, Instant.EPOCH, ApiKeyService.hash(created.secret()))
                .orElseThrow();
        assertThat(entry.payload())
                .doesNotContain(created.secret())
                .contains(
                        "\"type\":\"api-key\",\"schemaVersion\":1",
                        created.key().keyId());
        assertThat(entry.expiresAt()).isAfter(Instant.parse("9999-01-01T00:00:00Z"));
        assertThat(service.authenticate(created.secret())).contains(created.key());
        assertThat(service.authenticate(created.secret() + "x")).isEmpty();
        assertThat(created.toString()).doesNotContain(created.secret());
    }

    @Test
    void revoke_onOneInstance_reachesTheOtherWithinTheCacheLifetime() {
        Duration ttl = Duration.ofMillis(300);
        ApiKeyService first = new ApiKeyService(new ContextStoreApiKeyStore(store.global(), ttl), Clock.systemUTC());
        ApiKeyService second = new ApiKeyService(new ContextStoreApiKeyStore(store.global(), ttl), Clock.systemUTC());
        CreatedApiKey created = first.create("shared", Role.RESPONDER);
        assertThat(second.authenticate(created.secret())).isPresent();

        assertThat(first.revoke(created.key().keyId()))
                .hasValueSatisfying(key -> assertThat(key.valid()).isFalse());

        assertThat(first.authenticate(created.secret()))
                .as("at once where it was revoked")
                .isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(second.authenticate(created.secret())).isEmpty());
        assertThat(second.list())
                .singleElement()
                .satisfies(key -> assertThat(key.revokedAt()).isNotNull());
        assertThat(first.revoke("key_unknown")).isEmpty();
    }

    @Test
    void ensureAdminKey_createsOneOnlyWhenNoAdminExists_andStoresAKnownKeyOnce() {
        ApiKeyService service = new ApiKeyService(new ContextStoreApiKeyStore(store.global()), Clock.systemUTC());
        Optional<CreatedApiKey> first = service.ensureAdminKey(Optional.empty());
        assertThat(first)
                .hasValueSatisfying(created -> assertThat(created.key().role()).isEqualTo(Role.ADMIN));
        assertThat(service.ensureAdminKey(Optional.empty()))
                .as("an admin exists")
                .isEmpty();

        String known = "soc_known-bootstrap-key-0123456789";
        assertThat(service.ensureAdminKey(Optional.of(known))).isEmpty();
        assertThat(service.ensureAdminKey(Optional.of(known))).isEmpty();
        assertThat(service.authenticate(known))
                .hasValueSatisfying(key -> assertThat(key.role()).isEqualTo(Role.ADMIN));
        assertThat(service.list()).hasSize(2);
    }
}
