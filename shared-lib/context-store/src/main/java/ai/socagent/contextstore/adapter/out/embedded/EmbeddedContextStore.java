package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * they stay in the file until overwritten.
 */
public final class EmbeddedContextStore implements ContextStore {

    private final MVStore store;
    private final ContextTables tables;
    private final EmbeddedGlobalContextRepository global;
    private final EmbeddedInvestigationContextRepository investigations;
    private final EmbeddedAgentContextRepository agents;

    private EmbeddedContextStore(MVStore store, ContextTables tables, Clock clock, CursorCodec cursors) {
        this.store = store;
        this.tables = tables;
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
        return new EmbeddedTable(store, table, tables.nameOf(table), json, clock);
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
