package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.socagent.testsupport.backends.TestBackends;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContextArchive} and {@link EvidenceStore} must do. Subclasses: {@code
 * LocalDirectoryArchiveTest} (standalone, local directory) and {@code S3ArchiveIT} (S3 + KMS on moto
 * or LocalStack). Keys are unique per test, so implementations may share buckets across tests.
 */
public abstract class ArchiveContract {

    protected static final Duration RETENTION = Duration.ofDays(1);
    protected static final ContextTables TABLES = ContextTables.forEnvironment("arch");

    /** Real time, to the second: S3 refuses a retain-until date in the past. */
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    protected ContextArchive archive;
    protected EvidenceStore evidence;

    protected abstract ContextArchive openArchive(ContextTables tables);

    protected abstract EvidenceStore openEvidenceStore(Duration retention, MutableClock clock);

    /** The stored bytes of an archive object, as they are at rest (still gzip-compressed). */
    protected abstract byte[] rawObject(String key);

    /** Replaces the stored content of an evidence object behind the store's back. */
    protected abstract void tamperWithEvidence(String key, byte[] content);

    @BeforeEach
    void open() {
        archive = openArchive(TABLES);
        evidence = openEvidenceStore(RETENTION, clock);
    }

    // --- context archive -------------------------------------------------------------------

    @Test
    void archive_batchOfAgentEntries_isReadBackWithReasonsUnderTheKeyLayout() {
        String agent = unique("agent") + "/with space";
        Instant at = Instant.parse("2026-11-26T13:05:00Z");
        AgentContextEntry first = stored(AgentContextEntry.of(agent, "s1", at.minusSeconds(60), "{\"m\":1}"));
        AgentContextEntry second = stored(AgentContextEntry.of(agent, "s1", at.minusSeconds(30), "{\"m\":2}"));
        ArchiveBatch batch = ArchiveBatch.of(
                ContextTables.AGENT,
                "batch-1",
                at,
                List.of(
                        ArchivedEntry.of(first, ArchiveReason.TTL_EXPIRY, at),
                        ArchivedEntry.of(second, ArchiveReason.DELETED, at)));

        ArchiveReceipt receipt = archive.archive(batch);

        assertThat(receipt.key())
                .isEqualTo("context/arch-AgentContextTable/" + ContextArchiveKeys.segment(agent)
                        + "/2026/11/26/batch-1.json.gz")
                .doesNotContain(" ")
                .contains("%2Fwith%20space");
        assertThat(receipt.entries()).isEqualTo(2);
        assertThat(receipt.bytes()).isPositive();
        assertThat(archive.read(receipt.key())).hasValueSatisfying(read -> {
            assertThat(read).isEqualTo(batch);
            assertThat(read.entries())
                    .extracting(ArchivedEntry::reason)
                    .containsExactly(ArchiveReason.TTL_EXPIRY, ArchiveReason.DELETED);
            assertThat(read.entries().getFirst().asAgent()).isEqualTo(first);
        });
        assertThat(archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, agent)))
                .containsExactly(receipt.key());
    }

    @Test
    void archive_storesGzipCompressedJsonThatNamesTableAndReason() throws IOException {
        String investigation = unique("inv");
        InvestigationContextEntry entry = stored(InvestigationContextEntry.of(
                investigation,
                "evidence",
                Instant.parse("2026-11-26T10:00:00Z"),
                "Investigation",
                "{\"ip\":\"1.2.3.4\"}"));

        ArchiveReceipt receipt = archive.archive(ArchiveBatch.of(
                ContextTables.INVESTIGATION,
                "closing",
                clock.instant(),
                List.of(ArchivedEntry.of(entry, ArchiveReason.INVESTIGATION_CLOSED, clock.instant()))));

        byte[] raw = rawObject(receipt.key());
        assertThat(raw).startsWith((byte) 0x1f, (byte) 0x8b); // gzip magic
        String json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json)
                .contains("\"tableName\":\"arch-InvestigationContextTable\"")
                .contains("\"reason\":\"investigation-closed\"")
                .contains("\"investigation_id\":\"" + investigation + "\"")
                .contains("\"context_level#timestamp\":\"evidence#2026-11-26T10:00:00.000000Z\"");
    }

    @Test
    void archive_sameBatchAgain_rewritesTheSameKey() {
        GlobalContextEntry entry =
                stored(GlobalContextEntry.of(unique("pattern"), clock.instant(), "item-1", "Trojan", "HIGH", "{}"));
        ArchiveBatch once = ArchiveBatch.of(
                ContextTables.GLOBAL,
                "retry",
                clock.instant(),
                List.of(ArchivedEntry.of(entry, ArchiveReason.TTL_EXPIRY, clock.instant())));
        ArchiveBatch again = ArchiveBatch.of(
                ContextTables.GLOBAL,
                "retry",
                clock.instant(),
                List.of(ArchivedEntry.of(entry.withPayload("{\"v\":2}"), ArchiveReason.TTL_EXPIRY, clock.instant())));

        String key = archive.archive(once).key();
        assertThat(archive.archive(again).key()).isEqualTo(key);

        assertThat(archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.GLOBAL, entry.contextType())))
                .containsExactly(key);
        assertThat(archive.read(key))
                .hasValueSatisfying(
                        read -> assertThat(read.entries().getFirst().asGlobal().payload())
                                .isEqualTo("{\"v\":2}"));
    }

    @Test
    void list_byPartitionPrefix_doesNotListAPartitionThatMerelyStartsTheSame() {
        String agent = unique("agent");
        archive.archive(agentBatch(agent, "a"));
        archive.archive(agentBatch(agent + "x", "b"));

        assertThat(archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, agent)))
                .singleElement()
                .asString()
                .endsWith("/a.json.gz");
    }

    @Test
    void read_unknownKey_isEmpty() {
        assertThat(archive.read("context/arch-AgentContextTable/" + unique("none") + "/2026/01/01/x.json.gz"))
                .isEmpty();
    }

    // --- evidence --------------------------------------------------------------------------

    @Test
    void put_evidence_returnsItsSha256AndRetention_andGetVerifiesAndReturnsIt() {
        String investigation = unique("inv");
        byte[] content = "GET /admin HTTP/1.1\r\nHost: victim\r\n".getBytes(StandardCharsets.UTF_8);

        EvidenceReceipt receipt = evidence.put(new Evidence(
                investigation, "http/request 1.txt", content, "text/plain", Map.of("source", "proxy-log")));

        assertThat(receipt.key()).isEqualTo("evidence/" + investigation + "/http%2Frequest%201%2Etxt");
        assertThat(receipt.sha256Hex()).isEqualTo(sha256Hex(content));
        assertThat(receipt.sha256Base64()).isEqualTo(EvidenceChecksums.sha256Base64(content));
        assertThat(receipt.size()).isEqualTo(content.length);
        assertThat(receipt.retainUntil()).isEqualTo(clock.instant().plus(RETENTION));
        assertThat(evidence.get(investigation, "http/request 1.txt")).hasValueSatisfying(stored -> {
            assertThat(stored.content()).isEqualTo(content);
            assertThat(stored.contentType()).isEqualTo("text/plain");
            assertThat(stored.metadata()).containsExactlyEntriesOf(Map.of("source", "proxy-log"));
            assertThat(stored.receipt().sha256Hex()).isEqualTo(sha256Hex(content));
            assertThat(stored.receipt().retainUntil()).isEqualTo(receipt.retainUntil());
        });
        assertThat(evidence.list(investigation)).containsExactly("http/request 1.txt");
    }

    @Test
    void put_sameKeyWhileRetained_isRefusedAndTheFirstStays() {
        String investigation = unique("inv");
        EvidenceReceipt first = evidence.put(evidence(investigation, "pcap", "first"));
        clock.advance(RETENTION.minusMinutes(1));

        assertThatExceptionOfType(EvidenceRetainedException.class)
                .isThrownBy(() -> evidence.put(evidence(investigation, "pcap", "second")))
                .satisfies(e -> {
                    assertThat(e.key()).isEqualTo(first.key());
                    assertThat(e.retainUntil()).isEqualTo(first.retainUntil());
                })
                .withMessageContaining("retained until");
        assertThat(evidence.get(investigation, "pcap"))
                .hasValueSatisfying(s -> assertThat(s.content()).asString().isEqualTo("first"));
    }

    @Test
    void put_sameKeyAfterRetentionLapsed_replacesIt() {
        String investigation = unique("inv");
        evidence.put(evidence(investigation, "pcap", "first"));
        clock.advance(RETENTION.plusMinutes(1));

        EvidenceReceipt second = evidence.put(evidence(investigation, "pcap", "second"));

        assertThat(second.retainUntil()).isEqualTo(clock.instant().plus(RETENTION));
        assertThat(evidence.get(investigation, "pcap"))
                .hasValueSatisfying(s -> assertThat(s.content()).asString().isEqualTo("second"));
    }

    @Test
    void get_contentChangedBehindTheStoresBack_failsTheChecksum() {
        String investigation = unique("inv");
        EvidenceReceipt receipt = evidence.put(evidence(investigation, "log", "original"));

        tamperWithEvidence(receipt.key(), "forged".getBytes(StandardCharsets.UTF_8));

        assertThatExceptionOfType(EvidenceIntegrityException.class)
                .isThrownBy(() -> evidence.get(investigation, "log"))
                .withMessageContaining(receipt.key());
    }

    @Test
    void get_unknownEvidence_isEmpty() {
        assertThat(evidence.get(unique("inv"), "none")).isEmpty();
        assertThat(evidence.list(unique("inv"))).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------

    private ArchiveBatch agentBatch(String agent, String batchId) {
        AgentContextEntry entry = stored(AgentContextEntry.of(agent, "s", clock.instant(), "{}"));
        return ArchiveBatch.of(
                ContextTables.AGENT,
                batchId,
                clock.instant(),
                List.of(ArchivedEntry.of(entry, ArchiveReason.DELETED, clock.instant())));
    }

    private static Evidence evidence(String investigation, String id, String content) {
        return new Evidence(
                investigation, id, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream", Map.of());
    }

    /** An entry as a store returns it: version 1, an expiry. */
    private static AgentContextEntry stored(AgentContextEntry e) {
        return e.withVersion(1).withExpiresAt(Instant.parse("2026-11-27T13:00:00Z"));
    }

    private static InvestigationContextEntry stored(InvestigationContextEntry e) {
        return e.withVersion(1).withExpiresAt(Instant.parse("2026-12-26T13:00:00Z"));
    }

    private static GlobalContextEntry stored(GlobalContextEntry e) {
        return e.withVersion(1).withExpiresAt(Instant.parse("2026-12-03T13:00:00Z"));
    }

    protected static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    protected static String unique(String prefix) {
        return TestBackends.uniqueName(prefix);
    }
}
