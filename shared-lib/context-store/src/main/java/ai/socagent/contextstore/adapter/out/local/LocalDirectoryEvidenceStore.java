package ai.socagent.contextstore.adapter.out.local;

import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceChecksums;
import ai.socagent.contextstore.EvidenceIntegrityException;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceRetainedException;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.StoredEvidence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standalone evidence store: the content at {@code <directory>/evidence/<investigation>/<evidence>}
 * and a sidecar {@code <evidence>.evidence.json} with its SHA-256, size, content type, metadata and
 * retain-until. The sidecar is written last, so an object without one was never stored. A put is
 * refused while the sidecar's retain-until is in the future (by the clock); a read recomputes the
 * SHA-256. Nothing stops a person with file access from deleting files: this is tamper-evident, not
 * tamper-proof, which is what S3 object lock adds in the other modes.
 *
 * <p>No longer the standalone default ({@link RocksDbEvidenceStore} is, ADR 0007): kept as the
 * layout {@link RocksDbEvidenceStore#openImporting} imports once.
 */
public final class LocalDirectoryEvidenceStore implements EvidenceStore {

    /** Encoded segments hold no '.', so no evidence id can collide with a sidecar. */
    static final String SIDECAR_SUFFIX = ".evidence.json";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final LocalFiles files;
    private final Object[] puts = new Object[64];
    private final Duration retention;
    private final Clock clock;

    private LocalDirectoryEvidenceStore(Path directory, Duration retention, Clock clock) {
        this.files = new LocalFiles(directory);
        for (int i = 0; i < puts.length; i++) {
            puts[i] = new Object();
        }
        this.retention = retention;
        this.clock = clock;
    }

    public static LocalDirectoryEvidenceStore create(Path directory, Duration retention, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("evidence retention must be positive, not " + retention);
        }
        return new LocalDirectoryEvidenceStore(directory, retention, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public EvidenceReceipt put(Evidence evidence) {
        String key = ContextArchiveKeys.evidenceKey(evidence.investigationId(), evidence.evidenceId());
        // One put of a key at a time (its retain-until is checked, then written); puts of other keys
        // run side by side: file writes are slow enough that one lock for all made requests queue.
        synchronized (puts[Math.floorMod(key.hashCode(), puts.length)]) {
            return put(evidence, key);
        }
    }

    private EvidenceReceipt put(Evidence evidence, String key) {
        Path file = files.file(key);
        Path sidecar = sidecar(file);
        Instant now = clock.instant();
        Optional<JsonNode> existing = files.read(sidecar).map(LocalDirectoryEvidenceStore::parse);
        if (existing.isPresent()) {
            Instant until = Instant.parse(existing.get().path("retainUntil").asString());
            if (until.isAfter(now)) {
                throw new EvidenceRetainedException(key, until);
            }
        }
        byte[] content = evidence.content();
        String sha256 = EvidenceChecksums.sha256Base64(content);
        Instant retainUntil = now.plus(retention).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("investigationId", evidence.investigationId());
        meta.put("evidenceId", evidence.evidenceId());
        meta.put("sha256", sha256);
        meta.put("size", content.length);
        meta.put("contentType", evidence.contentType());
        meta.put("storedAt", now.toString());
        meta.put("retainUntil", retainUntil.toString());
        ObjectNode metadata = meta.putObject("metadata");
        new java.util.TreeMap<>(evidence.metadata()).forEach(metadata::put);
        files.write(file, content);
        files.write(sidecar, JSON.writeValueAsBytes(meta));
        return receipt(key, file, sha256, content.length, retainUntil);
    }

    @Override
    public Optional<StoredEvidence> get(String investigationId, String evidenceId) {
        String key = ContextArchiveKeys.evidenceKey(investigationId, evidenceId);
        Path file = files.file(key);
        Optional<JsonNode> meta = files.read(sidecar(file)).map(LocalDirectoryEvidenceStore::parse);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        byte[] content = files.read(file)
                .orElseThrow(() -> new EvidenceIntegrityException(
                        key, meta.get().path("sha256").asString(), "none: the content file is missing"));
        String expected = meta.get().path("sha256").asString();
        String actual = EvidenceChecksums.sha256Base64(content);
        if (!expected.equals(actual)) {
            throw new EvidenceIntegrityException(key, expected, actual);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        meta.get()
                .path("metadata")
                .properties()
                .forEach(f -> metadata.put(f.getKey(), f.getValue().asString()));
        return Optional.of(new StoredEvidence(
                receipt(
                        key,
                        file,
                        expected,
                        content.length,
                        Instant.parse(meta.get().path("retainUntil").asString())),
                content,
                meta.get().path("contentType").asString(),
                metadata));
    }

    @Override
    public List<String> list(String investigationId) {
        String prefix = ContextArchiveKeys.evidencePrefix(investigationId);
        return files.keys(prefix).stream()
                .filter(k -> k.endsWith(SIDECAR_SUFFIX))
                .map(k -> ContextArchiveKeys.value(k.substring(prefix.length(), k.length() - SIDECAR_SUFFIX.length())))
                .toList();
    }

    /**
     * Every object of the directory under {@code directory}, as it is (its content, or none if the
     * content file is missing, with the SHA-256 its sidecar recorded, not checked here), in key order:
     * the import source of {@link RocksDbEvidenceStore}. A content file without a sidecar was never
     * stored and is skipped.
     */
    static void forEachStored(Path directory, java.util.function.BiConsumer<String, EvidenceRecord> action) {
        LocalFiles files = new LocalFiles(directory);
        for (String sidecarKey : files.keys(ContextArchiveKeys.EVIDENCE)) {
            if (!sidecarKey.endsWith(SIDECAR_SUFFIX)) {
                continue;
            }
            String key = sidecarKey.substring(0, sidecarKey.length() - SIDECAR_SUFFIX.length());
            JsonNode meta = files.read(files.file(sidecarKey))
                    .map(LocalDirectoryEvidenceStore::parse)
                    .orElseThrow();
            byte[] content = files.read(files.file(key)).orElse(new byte[0]);
            Map<String, String> metadata = new LinkedHashMap<>();
            meta.path("metadata")
                    .properties()
                    .forEach(f -> metadata.put(f.getKey(), f.getValue().asString()));
            action.accept(
                    key,
                    new EvidenceRecord(
                            java.util.Base64.getDecoder()
                                    .decode(meta.path("sha256").asString()),
                            meta.path("size").asLong(),
                            Instant.parse(meta.path("storedAt").asString()),
                            Instant.parse(meta.path("retainUntil").asString()),
                            meta.path("contentType").asString(),
                            metadata,
                            content));
        }
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
    }

    private static EvidenceReceipt receipt(String key, Path file, String sha256, long size, Instant retainUntil) {
        return new EvidenceReceipt(key, file.toUri().toString(), Optional.empty(), sha256, size, retainUntil);
    }

    private static JsonNode parse(byte[] sidecar) {
        try {
            return JSON.readTree(sidecar);
        } catch (JacksonException e) {
            throw new ContextArchiveException("unreadable evidence sidecar: " + e.getMessage(), e);
        }
    }
}
