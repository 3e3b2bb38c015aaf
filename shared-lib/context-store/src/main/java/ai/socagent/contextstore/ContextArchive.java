package ai.socagent.contextstore;

import java.util.List;
import java.util.Optional;

/**
 * History of the context tables: what expires, is deleted or belongs to a closed investigation is
 * written here as compressed JSON before (or as) it leaves the tables, so nothing is lost. S3 in the
 * aws and local modes ({@code ContextArchiveBucket}, versioned, SSE-KMS), a local directory in the
 * standalone mode. Keys: {@link ContextArchiveKeys}.
 */
public interface ContextArchive {

    /**
     * Writes the batch as one object. Writing the same batch id again replaces the object (a new
     * version in S3), so retries do not duplicate.
     *
     * @throws ContextArchiveException the object could not be written; nothing may be removed then
     */
    ArchiveReceipt archive(ArchiveBatch batch);

    /** The batch stored under {@code key}, or empty when there is none. */
    Optional<ArchiveBatch> read(String key);

    /** Keys starting with {@code prefix} (see {@link ContextArchiveKeys#prefix}), in key order. */
    List<String> list(String prefix);
}
