package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone context store: the three tables in one H2 MVStore file on local disk, kept across
 * restarts, with the same keys, indexes, expiry and cursors as DynamoDB. One process at a time may
 * open a file (MVStore locks it). Expired items are skipped by every read and replaced by a create;
 * they stay in the file until overwritten or purged ({@link #purgeExpired}, which archives them first).
 */
public final class EmbeddedContextStore implements ContextStore {

    private final MVStore store;
    private final ContextTables tables;
    private final EmbeddedGlobalContextRepository global;
    private final EmbeddedInvestigationContextRepository investigations;
    private final EmbeddedAgentContextRepository agents;
    private final Clock clock;
    private final List<EmbeddedTable> allTables = new ArrayList<>();

    private EmbeddedContextStore(MVStore store, ContextTables tables, Clock clock, CursorCodec cursors) {
        this.store = store;
        this.tables = tables;
        this.clock = clock;
        ObjectMapper json = JsonMapper.builder().build();
        this.global = new EmbeddedGlobalContextRepository(
                table(ContextTables.GLOBAL, json, clock), tables.nameOf(ContextTables.GLOBAL), clock, cursors);
        this.investigations = new EmbeddedInvestigationContextRepository(
                table(ContextTables.INVESTIGATION, json, clock),
                tables.nameOf(ContextTables.INVESTIGATION),
                clock,
                cursors);
        this.agents = new EmbeddedAgentContextRepository(
                table(ContextTables.AGENT, json, clock), tables.nameOf(ContextTables.AGENT), clock, cursors);
    }

    /**
     * Opens (or creates) the store file; its parent directories are created.
     *
     * @throws ContextStoreException the file cannot be opened, for example because another process
     *     holds it
     */
    public static EmbeddedContextStore open(Path file, ContextTables tables, Clock clock, CursorCodec cursors) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cursors, "cursors");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MVStore store = new MVStore.Builder()
                    .fileName(file.toAbsolutePath().toString())
                    .compress()
                    .open();
            return new EmbeddedContextStore(store, tables, clock, cursors);
        } catch (IOException | MVStoreException e) {
            throw new ContextStoreException("cannot open the context store file " + file + ": " + e.getMessage(), e);
        }
    }

    public static EmbeddedContextStore open(Path file, ContextTables tables) {
        return open(file, tables, Clock.systemUTC(), CursorCodec.create());
    }

    private EmbeddedTable table(ContextTables.Table table, ObjectMapper json, Clock clock) {
        EmbeddedTable embedded = new EmbeddedTable(store, table, tables.nameOf(table), json, clock);
        allTables.add(embedded);
        return embedded;
    }

    /**
     * Archives the expired entries of every table, one batch per partition (reason {@code
     * ttl-expiry}), and removes each group only after its batch is written. An archive failure stops
     * the purge with the rest still in the file; the next purge tries again. A batch's id is derived
     * from its items' keys and versions, so a purge repeated after a crash rewrites the same object.
     */
    @Override
    public int purgeExpired(ContextArchive archive) {
        Objects.requireNonNull(archive, "archive");
        int purged = 0;
        for (EmbeddedTable table : allTables) {
            purged += table.purgeExpired(items -> {
                Instant now = clock.instant();
                archive.archive(ArchiveBatch.of(
                        table.definition(),
                        batchId(table.definition(), items),
                        now,
                        items.stream()
                                .map(item -> new ArchivedEntry(item, ArchiveReason.TTL_EXPIRY, now))
                                .toList()));
            });
        }
        return purged;
    }

    private static String batchId(ContextTables.Table table, List<Map<String, String>> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map<String, String> item : items) {
                for (String part : new String[] {
                    item.get(table.partitionKey()), item.get(table.sortKey()), item.get(ContextTables.VERSION)
                }) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return "expired-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public GlobalContextRepository global() {
        return global;
    }

    @Override
    public InvestigationContextRepository investigations() {
        return investigations;
    }

    @Override
    public AgentContextRepository agents() {
        return agents;
    }

    @Override
    public ContextTables tables() {
        return tables;
    }

    /** The maps in the file (tables of every environment, and their indexes). */
    public Set<String> storedMapNames() {
        return store.getMapNames();
    }

    @Override
    public void close() {
        store.close();
    }
}
