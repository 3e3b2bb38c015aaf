package ai.socagent.contextstore.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.socagent.contextstore.ArchiveContract;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceIntegrityException;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceRetainedException;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The evidence half of the archive contract on the standalone RocksDB evidence store (the archive
 * half on the local directory, as in the standalone mode), plus what only it can show: tampering
 * through the RocksDB API, one winner among concurrent puts of a key, reopening, and the one-time
 * import of the directory layout of before.
 */
class RocksDbEvidenceStoreTest extends ArchiveContract {

    @TempDir
    Path directory;

    private Duration retention;
    private MutableClock storeClock;
    private RocksDbEvidenceStore store;

    @Override
    protected ContextArchive openArchive(ContextTables tables) {
        return LocalDirectoryContextArchive.create(directory, tables);
    }

    @Override
    protected EvidenceStore openEvidenceStore(Duration retention, MutableClock clock) {
        this.retention = retention;
        this.storeClock = clock;
        store = RocksDbEvidenceStore.open(database(), retention, clock, false);
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected byte[] rawObject(String key) {
        try {
            return Files.readAllBytes(directory.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Behind the store's back: the value rewritten through the RocksDB API, the recorded SHA-256 kept. */
    @Override
    protected void tamperWithEvidence(String key, byte[] content) {
        rewriteRaw(key, value -> {
            try {
                EvidenceRecord stored = EvidenceRecord.decode(value);
                return new EvidenceRecord(
                                stored.sha256(),
                                content.length,
                                stored.storedAt(),
                                stored.retainUntil(),
                                stored.contentType(),
                                stored.metadata(),
                                content)
                        .encode();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Path database() {
        return directory.resolve("evidence-db");
    }

    private void rewriteRaw(String key, java.util.function.UnaryOperator<byte[]> change) {
        store.close();
        byte[] raw = key.getBytes(StandardCharsets.UTF_8);
        try (Options options = new Options();
                RocksDB db = RocksDB.open(options, database().toString())) {
            byte[] value = db.get(raw);
            assertThat(value).as("stored value of " + key).isNotNull();
            db.put(raw, change.apply(value));
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
        store = RocksDbEvidenceStore.open(database(), retention, storeClock, false);
        evidence = store;
    }

    @Test
    void put_writesOneValueInTheDatabase_receiptNamesItsDirectoryAndKey() {
        EvidenceReceipt receipt = evidence.put(
                new Evidence("inv-1", "memory.dmp", "bytes".getBytes(StandardCharsets.UTF_8), null, Map.of()));

        assertThat(receipt.location()).isEqualTo(database().toUri() + "#" + receipt.key());
        assertThat(receipt.versionId()).isEmpty();
        assertThat(directory.resolve("evidence")).doesNotExist();
        assertThat(database().resolve("CURRENT")).exists();
    }

    @Test
    void get_truncatedValue_failsTheChecksumInsteadOfReturningPartialBytes() {
        EvidenceReceipt receipt = evidence.put(evidence("inv-t", "log", "a longer original content"));

        rewriteRaw(receipt.key(), value -> java.util.Arrays.copyOf(value, value.length - 5));

        assertThatExceptionOfType(EvidenceIntegrityException.class)
                .isThrownBy(() -> evidence.get("inv-t", "log"))
                .withMessageContaining(receipt.key());
    }

    @Test
    void evidence_survivesAReopen_andStaysRetained() {
        EvidenceReceipt first = evidence.put(evidence("inv-r", "pcap", "first"));
        store.close();

        store = RocksDbEvidenceStore.open(database(), retention, storeClock, false);

        assertThat(store.get("inv-r", "pcap")).hasValueSatisfying(s -> {
            assertThat(s.content()).asString().isEqualTo("first");
            assertThat(s.receipt()).isEqualTo(first);
        });
        assertThatExceptionOfType(EvidenceRetainedException.class)
                .isThrownBy(() -> store.put(evidence("inv-r", "pcap", "second")));
        assertThat(store.list("inv-r")).containsExactly("pcap");
    }

    @Test
    void list_isAPrefixScanInKeyOrder_notListingAnInvestigationThatMerelyStartsTheSame() {
        for (String id : List.of("b", "a/2", "a 1", "c")) {
            evidence.put(evidence("inv-l", id, id));
        }
        evidence.put(evidence("inv-lx", "z", "other"));

        assertThat(evidence.list("inv-l")).containsExactly("a 1", "a/2", "b", "c");
    }

    @Test
    void concurrentPutsOfOneKey_exactlyOneWins_theOthersAreRefused() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<EvidenceReceipt>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String content = "writer-" + i;
                puts.add(pool.submit(() -> {
                    start.await();
                    return evidence.put(evidence("inv-c", "raw", content));
                }));
            }
            start.countDown();
            int won = 0;
            int refused = 0;
            String winner = null;
            for (Future<EvidenceReceipt> put : puts) {
                try {
                    EvidenceReceipt receipt = put.get();
                    won++;
                    winner = receipt.sha256Base64();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(EvidenceRetainedException.class);
                    refused++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refused).isEqualTo(threads - 1);
            String stored = winner;
            assertThat(evidence.get("inv-c", "raw"))
                    .hasValueSatisfying(
                            s -> assertThat(s.receipt().sha256Base64()).isEqualTo(stored));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterClose_operationsAreRefused_notRunOnAFreedHandle() {
        store.close();
        store.close(); // idempotent

        assertThatExceptionOfType(ContextArchiveException.class)
                .isThrownBy(() -> evidence.get("inv", "e"))
                .withMessageContaining("closed");
        assertThatExceptionOfType(ContextArchiveException.class)
                .isThrownBy(() -> evidence.put(evidence("inv", "e", "x")));
        assertThatExceptionOfType(ContextArchiveException.class).isThrownBy(() -> evidence.list("inv"));
    }

    @Test
    void open_whileAnotherStoreHoldsTheDatabase_isRefused() {
        assertThatExceptionOfType(ContextArchiveException.class)
                .isThrownBy(() -> RocksDbEvidenceStore.open(database(), retention, storeClock, false))
                .withMessageContaining("cannot open the evidence store");
    }

    @Test
    void openImporting_importsTheDirectoryLayoutOnce_keepingRetention_thenMovesItAside() throws IOException {
        store.close();
        Path legacy = directory.resolve("legacy");
        Instant storedAt = Instant.parse("2026-11-20T08:00:00Z");
        MutableClock past = new MutableClock(storedAt);
        LocalDirectoryEvidenceStore old = LocalDirectoryEvidenceStore.create(legacy, Duration.ofDays(30), past);
        EvidenceReceipt kept = old.put(new Evidence(
                "inv-old",
                "finding/raw 1",
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                "application/json",
                Map.of("source", "guardduty")));
        EvidenceReceipt forged = old.put(evidence("inv-old", "forged", "original"));
        Files.writeString(legacy.resolve(forged.key()), "changed on disk");
        Files.writeString(legacy.resolve("evidence/inv-old/never-stored"), "no sidecar");

        MutableClock now = new MutableClock(storedAt.plus(Duration.ofDays(2)));
        Path database = directory.resolve("imported-db");
        store = RocksDbEvidenceStore.openImporting(database, legacy, Duration.ofDays(365), now, false);

        assertThat(store.list("inv-old")).containsExactly("finding/raw 1", "forged");
        assertThat(store.get("inv-old", "finding/raw 1")).hasValueSatisfying(s -> {
            assertThat(s.content()).asString().isEqualTo("{\"id\":1}");
            assertThat(s.contentType()).isEqualTo("application/json");
            assertThat(s.metadata()).containsExactlyEntriesOf(Map.of("source", "guardduty"));
            assertThat(s.receipt().sha256Base64()).isEqualTo(kept.sha256Base64());
            assertThat(s.receipt().retainUntil()).isEqualTo(kept.retainUntil());
        });
        assertThatExceptionOfType(EvidenceIntegrityException.class)
                .isThrownBy(() -> store.get("inv-old", "forged"))
                .withMessageContaining(forged.sha256Base64());
        assertThatExceptionOfType(EvidenceRetainedException.class)
                .isThrownBy(() -> store.put(evidence("inv-old", "finding/raw 1", "replacement")))
                .satisfies(e -> assertThat(e.retainUntil()).isEqualTo(kept.retainUntil()));

        assertThat(legacy.resolve("evidence")).doesNotExist();
        try (Stream<Path> aside = Files.list(legacy)) {
            assertThat(aside.map(p -> p.getFileName().toString()))
                    .containsExactly("evidence.imported-20261122T080000Z");
        }
        assertThat(legacy.resolve("evidence.imported-20261122T080000Z")
                        .resolve(kept.key().substring("evidence/".length())))
                .hasContent("{\"id\":1}");

        // once: a restart finds nothing left to import, and what was imported stays
        store.close();
        store = RocksDbEvidenceStore.openImporting(database, legacy, Duration.ofDays(365), now, false);
        assertThat(store.list("inv-old")).containsExactly("finding/raw 1", "forged");
    }

    @Test
    void openImporting_withoutAnOldDirectory_importsNothing() {
        store.close();
        store = RocksDbEvidenceStore.openImporting(database(), directory.resolve("none"), retention, storeClock, false);
        assertThat(store.list("inv")).isEmpty();
        assertThat(directory.resolve("none")).doesNotExist();
    }

    private static Evidence evidence(String investigation, String id, String content) {
        return new Evidence(
                investigation, id, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream", Map.of());
    }
}
