package ai.socagent.contextstore.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cache tier shared by every instance (L2, Redis in {@code adapter.out.redis}). Values are the
 * entry records ({@link ai.socagent.contextstore.GlobalContextEntry}, {@link
 * ai.socagent.contextstore.InvestigationContextEntry}, {@link
 * ai.socagent.contextstore.AgentContextEntry}), stored as {@link ContextEntryCodec} bytes.
 *
 * <p>Every method may throw a {@link RuntimeException} when the tier is down or slow; {@link
 * TieredContextCache} catches it, counts it and falls through to the store.
 */
public interface ContextCache extends AutoCloseable {

    /**
     * The cached entry, if any.
     *
     * @throws CorruptCacheEntryException the value could not be decoded; it has been deleted
     */
    Optional<Object> get(CacheKey key);

    /** A write: stores the entry (overwriting) and tells the other instances to drop their L1 copy. */
    void store(CacheKey key, Object entry, Duration ttl);

    /** A read-through fill: stores the entry only when the key is absent, so it never hides a newer write. */
    void fill(CacheKey key, Object entry, Duration ttl);

    /** Deletes the entry and tells the other instances to drop their L1 copy. */
    void invalidate(CacheKey key);

    /** Checks the tier answers (used to notice it is back while reads are served by L1). */
    void ping();

    /** Registers a listener for keys other instances wrote or invalidated (never this instance's own). */
    void onRemoteInvalidation(Consumer<CacheKey> listener);

    /**
     * Registers a listener called when invalidations from other instances may have been lost (the
     * subscription was down and is back): every L1 copy must then be dropped.
     */
    void onMissedInvalidations(Runnable listener);

    @Override
    void close();
}
