package ai.socagent.contextstore.cache;

/** A cached value that cannot be decoded (wrong format byte, truncated, checksum mismatch ...). */
public final class CorruptCacheEntryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptCacheEntryException(String message) {
        super(message);
    }

    public CorruptCacheEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
