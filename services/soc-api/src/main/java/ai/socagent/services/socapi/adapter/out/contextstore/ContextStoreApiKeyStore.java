package ai.socagent.services.socapi.adapter.out.contextstore;

import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecordType;
import ai.socagent.services.socapi.application.port.out.ApiKeyStorePort;
import ai.socagent.services.socapi.domain.ApiKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The API keys in GlobalContextTable, so every instance of the API (and the standalone jar's
 * {@code api-keys} command) sees the same keys: context type {@value #CONTEXT_TYPE}, item id the
 * key's SHA-256, one fixed instant (a key is found by its hash alone), never expiring. The payload is
 * the {@code api-key} record through its own versioned codec.
 *
 * <p>Lookups by hash are cached for {@link #CACHE_TTL} (unknown hashes too, so a flood of bad keys
 * does not reach the store): a key revoked on another instance stops working within that time;
 * on this instance at once.
 */
public final class ContextStoreApiKeyStore implements ApiKeyStorePort {

    public static final String CONTEXT_TYPE = "api-key";

    /** The {@code api-key} record, schema version 1. */
    public static final ContextRecordType<ApiKey> API_KEY = ContextRecordType.of("api-key", 1, ApiKey.class);

    public static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private static final Instant KEY_INSTANT = Instant.EPOCH;
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");
    private static final TimeRange ALL = TimeRange.between(KEY_INSTANT, KEY_INSTANT);

    private final GlobalContextRepository global;
    private final ContextRecordCodec<ApiKey> codec = ContextRecordCodec.of(API_KEY);
    private final Cache<String, Optional<ApiKey>> byHash;

    public ContextStoreApiKeyStore(GlobalContextRepository global) {
        this(global, CACHE_TTL);
    }

    public ContextStoreApiKeyStore(GlobalContextRepository global, Duration cacheTtl) {
        this.global = Objects.requireNonNull(global, "global");
        this.byHash = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(cacheTtl)
                .build();
    }

    @Override
    public void create(ApiKey key) {
        global.create(GlobalContextEntry.of(CONTEXT_TYPE, KEY_INSTANT, key.keyHash(), null, null, codec.encode(key))
                .withExpiresAt(NEVER));
        byHash.invalidate(key.keyHash());
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return byHash.get(
                keyHash,
                hash -> global.find(CONTEXT_TYPE, KEY_INSTANT, hash).map(entry -> codec.decode(entry.payload())));
    }

    @Override
    public List<ApiKey> all() {
        List<ApiKey> keys = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<GlobalContextEntry> page = global.findByContextType(CONTEXT_TYPE, ALL, request);
            page.items().forEach(entry -> keys.add(codec.decode(entry.payload())));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        keys.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::keyId));
        return keys;
    }

    @Override
    public void replace(ApiKey key) {
        GlobalContextEntry stored = global.find(CONTEXT_TYPE, KEY_INSTANT, key.keyHash())
                .orElseThrow(() -> new IllegalStateException("no stored API key " + key.keyId()));
        global.update(stored.withPayload(codec.encode(key)).withExpiresAt(NEVER));
        byHash.invalidate(key.keyHash());
    }
}
