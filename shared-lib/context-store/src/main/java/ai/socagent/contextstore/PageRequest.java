package ai.socagent.contextstore;

/**
 * One page of a query.
 *
 * @param limit at most this many entries, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@link Page#nextCursor()} of the previous page of the same query, or null for
 *     the first page
 * @param newestFirst descending time order instead of ascending
 */
public record PageRequest(int limit, String cursor, boolean newestFirst) {

    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The first page, oldest first. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, false);
    }

    /** The first page, newest first. */
    public static PageRequest newestFirst(int limit) {
        return new PageRequest(limit, null, true);
    }

    /** The page after the one that returned this cursor. */
    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, nextCursor, newestFirst);
    }
}
