package ai.socagent.contextstore.adapter.out.local;

import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveFormat;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The standalone archive: each batch a gzip JSON file under a local directory, at the same key as
 * in S3 ({@code <directory>/context/<table>/<partition>/<yyyy>/<mm>/<dd>/<batch>.json.gz}). Files are
 * replaced atomically, so a retried batch rewrites its file. No versions, no encryption: the
 * directory is the operator's to protect (disk encryption, permissions).
 */
public final class LocalDirectoryContextArchive implements ContextArchive {

    private final LocalFiles files;
    private final ContextTables tables;

    private LocalDirectoryContextArchive(Path directory, ContextTables tables) {
        this.files = new LocalFiles(directory);
        this.tables = tables;
    }

    public static LocalDirectoryContextArchive create(Path directory, ContextTables tables) {
        return new LocalDirectoryContextArchive(
                Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(tables, "tables"));
    }

    @Override
    public ArchiveReceipt archive(ArchiveBatch batch) {
        String key = ContextArchiveKeys.key(tables, batch);
        byte[] document = ContextArchiveFormat.encode(tables, batch);
        Path file = files.file(key);
        files.write(file, document);
        return new ArchiveReceipt(
                key, file.toUri().toString(), Optional.empty(), batch.entries().size(), document.length);
    }

    @Override
    public Optional<ArchiveBatch> read(String key) {
        return files.read(files.file(key)).map(ContextArchiveFormat::decode);
    }

    @Override
    public List<String> list(String prefix) {
        return files.keys(prefix).stream()
                .filter(k -> k.startsWith(ContextArchiveKeys.CONTEXT) && k.endsWith(ContextArchiveKeys.SUFFIX))
                .toList();
    }
}
