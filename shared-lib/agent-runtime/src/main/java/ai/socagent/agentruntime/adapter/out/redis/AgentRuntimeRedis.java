package ai.socagent.agentruntime.adapter.out.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce connection to Redis for the agent runtime's shared tiers (response cache, token
 * ledger). Built to fail fast: every command has a short timeout, commands are rejected (not
 * queued) while disconnected, the connection is made on first use (so a service starts while
 * Redis is down) and Lettuce reconnects in the background at most a second apart.
 */
public final class AgentRuntimeRedis implements AutoCloseable {

    private final RedisClient client;
    private final ClientResources resources;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    private AgentRuntimeRedis(RedisURI uri, Duration commandTimeout) {
        this.resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(commandTimeout.multipliedBy(5))
                        .build())
                .build());
    }

    /**
     * A connection to {@code uri} ({@code redis://host:port}); nothing is connected until the first
     * command.
     *
     * @param commandTimeout how long one command may take before it counts as a failure
     */
    public static AgentRuntimeRedis create(String uri, Duration commandTimeout) {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        return new AgentRuntimeRedis(RedisURI.create(Objects.requireNonNull(uri, "uri")), commandTimeout);
    }

    /** The synchronous commands of the shared connection, connecting first if needed. */
    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current.sync();
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the agent runtime's Redis connection is closed");
            }
            if (connection == null) {
                connection = client.connect();
            }
            return connection.sync();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (connection != null) {
                connection.close();
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
