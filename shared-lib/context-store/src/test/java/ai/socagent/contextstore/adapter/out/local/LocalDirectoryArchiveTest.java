package ai.socagent.contextstore.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ai.socagent.contextstore.ArchiveContract;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive contract on a local directory (standalone mode), plus what only files can show. */
class LocalDirectoryArchiveTest extends ArchiveContract {

    @TempDir
    Path directory;

    @Override
    protected ContextArchive openArchive(ContextTables tables) {
        return LocalDirectoryContextArchive.create(directory, tables);
    }

    @Override
    protected EvidenceStore openEvidenceStore(Duration retention, MutableClock clock) {
        return LocalDirectoryEvidenceStore.create(directory, retention, clock);
    }

    @Override
    protected byte[] rawObject(String key) {
        try {
            return Files.readAllBytes(directory.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void tamperWithEvidence(String key, byte[] content) {
        try {
            Files.write(directory.resolve(key), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void put_evidence_writesTheContentAndASidecarWithChecksumAndRetention() throws IOException {
        EvidenceReceipt receipt = evidence.put(new ai.socagent.contextstore.Evidence(
                "inv-1", "memory.dmp", "bytes".getBytes(StandardCharsets.UTF_8), null, java.util.Map.of()));

        Path file = directory.resolve(receipt.key());
        assertThat(file).hasContent("bytes");
        assertThat(receipt.location()).isEqualTo(file.toUri().toString());
        assertThat(Files.readString(file.resolveSibling(file.getFileName() + ".evidence.json")))
                .contains("\"sha256\":\"" + receipt.sha256Base64() + "\"")
                .contains("\"retainUntil\":\"" + receipt.retainUntil() + "\"");
        assertThat(receipt.versionId()).isEmpty();
    }

    @Test
    void evidence_withReservedOrUnusableMetadataNames_isRefusedBeforeAnyWrite() {
        byte[] content = {1};
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ai.socagent.contextstore.Evidence(
                        "inv", "e", content, null, java.util.Map.of("sha256", "forged")))
                .withMessageContaining("reserved");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ai.socagent.contextstore.Evidence(
                        "inv", "e", content, null, java.util.Map.of("Source Host", "x")));
        assertThat(evidence.list("inv")).isEmpty();
    }

    @Test
    void read_keyLeavingTheDirectory_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> archive.read("../outside.json.gz"));
    }

    @Test
    void list_ofAnEmptyDirectory_isEmpty() {
        assertThat(LocalDirectoryContextArchive.create(directory.resolve("none"), TABLES)
                        .list("context/"))
                .isEmpty();
    }
}
