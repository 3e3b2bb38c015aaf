package ai.socagent.contextstore.cache;

import java.util.Objects;

/**
 * The full key of one context entry: physical table name, partition key value, sort key value (for
 * composite sort keys the {@code <part>#<timestamp>} string). In Redis it is {@code
 * ctx:<table>:<pk>:<sk>}, with {@code %} and {@code :} of the partition key percent-escaped so the
 * string parses back unambiguously (table names hold no {@code :}; the sort key is last).
 */
public record CacheKey(String table, String partitionKey, String sortKey) {

    static final String PREFIX = "ctx:";

    public CacheKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
        if (table.indexOf(':') >= 0) {
            throw new IllegalArgumentException("table name must not contain ':'");
        }
    }

    /** {@code ctx:<table>:<escaped pk>:<sk>}. */
    public String redisKey() {
        return PREFIX + table + ':' + escape(partitionKey) + ':' + sortKey;
    }

    /**
     * The key of a {@link #redisKey()} string.
     *
     * @throws IllegalArgumentException the string is not one
     */
    public static CacheKey parse(String redisKey) {
        if (redisKey == null || !redisKey.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a context cache key: " + redisKey);
        }
        int tableEnd = redisKey.indexOf(':', PREFIX.length());
        int pkEnd = tableEnd < 0 ? -1 : redisKey.indexOf(':', tableEnd + 1);
        if (pkEnd < 0) {
            throw new IllegalArgumentException("not a context cache key: " + redisKey);
        }
        return new CacheKey(
                redisKey.substring(PREFIX.length(), tableEnd),
                unescape(redisKey.substring(tableEnd + 1, pkEnd)),
                redisKey.substring(pkEnd + 1));
    }

    private static String escape(String value) {
        if (value.indexOf('%') < 0 && value.indexOf(':') < 0) {
            return value;
        }
        return value.replace("%", "%25").replace(":", "%3A");
    }

    private static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        return value.replace("%3A", ":").replace("%25", "%");
    }
}
