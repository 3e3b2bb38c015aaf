package ai.socagent.contextstore;

/** The three context repositories of one environment, over one backend. */
public interface ContextStore extends AutoCloseable {

    GlobalContextRepository global();

    InvestigationContextRepository investigations();

    AgentContextRepository agents();

    /** The tables (names, environment) this store reads and writes. */
    ContextTables tables();

    /**
     * Archives every expired entry still held to {@code archive} and only then removes it; an archive
     * failure leaves the entry in place. For stores that do not delete expired entries themselves
     * (the embedded one); DynamoDB's TTL deletes, and the stream archiver copies, so by default
     * nothing is done here.
     *
     * @return how many entries were archived and removed
     */
    default int purgeExpired(ContextArchive archive) {
        return 0;
    }

    @Override
    void close();
}
