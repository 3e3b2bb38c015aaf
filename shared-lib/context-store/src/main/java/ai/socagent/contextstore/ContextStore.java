package ai.socagent.contextstore;

/** The three context repositories of one environment, over one backend. */
public interface ContextStore extends AutoCloseable {

    GlobalContextRepository global();

    InvestigationContextRepository investigations();

    AgentContextRepository agents();

    /** The tables (names, environment) this store reads and writes. */
    ContextTables tables();

    @Override
    void close();
}
