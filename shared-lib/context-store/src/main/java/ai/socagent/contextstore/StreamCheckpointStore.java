package ai.socagent.contextstore;

import java.util.Optional;

/**
 * Where a stream reader keeps its place: per stream and shard, the sequence number of the last
 * record it has fully handled, or {@link #SHARD_END} once a closed shard is read to its end.
 */
public interface StreamCheckpointStore {

    /** The checkpoint of a shard whose records have all been handled (the shard is closed). */
    String SHARD_END = "SHARD_END";

    Optional<String> load(String streamArn, String shardId);

    void save(String streamArn, String shardId, String checkpoint);
}
