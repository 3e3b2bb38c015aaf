package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.testsupport.backends.TestBackends;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis as the short-term context store and notification channel use it. */
class RedisIT {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisURI.create(TestBackends.redis().uri()));
        connection = client.connect();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            connection.close();
            client.shutdown();
        }
    }

    @Test
    void valueWithExpiry() {
        RedisCommands<String, String> redis = connection.sync();
        String key = TestBackends.uniqueName("context");

        assertThat(redis.set(key, "enriched", SetArgs.Builder.ex(60))).isEqualTo("OK");

        assertThat(redis.get(key)).isEqualTo("enriched");
        assertThat(redis.ttl(key)).isBetween(1L, 60L);
        assertThat(redis.del(key)).isEqualTo(1L);
        assertThat(redis.get(key)).isNull();
    }

    @Test
    void publishedMessageReachesTheSubscriber() {
        String channel = TestBackends.uniqueName("alerts");
        List<String> received = new CopyOnWriteArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    if (channel.equals(from)) {
                        received.add(message);
                    }
                }
            });
            subscriber.sync().subscribe(channel);

            assertThat(connection.sync().publish(channel, "finding f-7 escalated"))
                    .isEqualTo(1L);

            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("finding f-7 escalated");
        }
    }
}
