package ai.socagent.contextstore.adapter.in.dynamodbstreams;

/**
 * Who may read a stream shard: a reader works on a shard only while it holds that shard's lease, so
 * two archivers never archive the same shard. Leases expire when their holder stops renewing them
 * (it crashed, or lost the network), and another reader then takes the shard over.
 */
public interface ShardLeases extends AutoCloseable {

    /**
     * Takes or keeps the lease of {@code shard}; never waits for another holder's lease to run out.
     *
     * @return whether this reader holds it now
     */
    boolean acquire(String shard);

    /** Whether this reader still holds the lease (checked before every archive and checkpoint). */
    boolean holds(String shard);

    /** Gives every lease back, so that another reader takes over at once. */
    @Override
    void close();

    /**
     * Leases no other process sees: for a single archiver (tests, tools). Two processes with these
     * would both read every shard.
     */
    static ShardLeases unshared() {
        return new ShardLeases() {
            @Override
            public boolean acquire(String shard) {
                return true;
            }

            @Override
            public boolean holds(String shard) {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
