package ai.socagent.contextstore.adapter.out.local;

import ai.socagent.contextstore.ContextArchiveException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Keys as relative paths under a root, written atomically (temp file, then rename). */
final class LocalFiles {

    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    LocalFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The file of a key; a key that would leave the root is refused. */
    Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("not a key under the archive directory: " + key);
        }
        return file;
    }

    /** Replaces the file atomically: a reader sees the old or the new content, never a partial one. */
    void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".", TEMP_SUFFIX);
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ContextArchiveException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ContextArchiveException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keys of the regular files under the root that start with {@code prefix}, in key order. */
    List<String> keys(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f)
                            .toString()
                            .replace(f.getFileSystem().getSeparator(), "/"))
                    .filter(k -> k.startsWith(prefix) && !k.endsWith(TEMP_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ContextArchiveException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
