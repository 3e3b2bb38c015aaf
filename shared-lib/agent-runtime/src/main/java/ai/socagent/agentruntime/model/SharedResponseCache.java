package ai.socagent.agentruntime.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The shared (L2) tier of {@link CachingModelPort}: answers stored by one instance are served to
 * every other instance of the fleet (Redis in production). Implementations fail fast; the port
 * treats any exception as a miss and calls the model.
 */
public interface SharedResponseCache {

    /** The answer stored under {@code key}; empty when there is none (or it expired). */
    Optional<ModelAnswer> get(String key);

    /** Stores {@code answer} under {@code key} for {@code ttl}. */
    void put(String key, ModelAnswer answer, Duration ttl);
}
