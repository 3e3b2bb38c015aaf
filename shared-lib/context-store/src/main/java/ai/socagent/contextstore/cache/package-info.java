/**
 * The cache tiers of issue #3 in front of a {@link ai.socagent.contextstore.ContextStore}: {@link
 * ai.socagent.contextstore.cache.CachingContextStore} decorates the store's point reads and writes,
 * {@link ai.socagent.contextstore.cache.TieredContextCache} runs read-through / write-through over
 * {@link ai.socagent.contextstore.cache.CaffeineL1Cache} (in process) and a shared {@link
 * ai.socagent.contextstore.cache.ContextCache} (L2; Redis in {@code adapter.out.redis}), with
 * single-flight loads, a circuit around L2 and {@code AI.Context.CacheHitRate} counters.
 */
package ai.socagent.contextstore.cache;
