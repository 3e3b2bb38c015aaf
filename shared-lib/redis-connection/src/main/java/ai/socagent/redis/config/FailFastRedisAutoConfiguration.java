package ai.socagent.redis.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Makes the application's one Redis connection ({@code spring.data.redis.*}, Spring Boot's Lettuce
 * connection factory) fail fast, as the context store's cache tier, the agent runtime's response cache
 * and its token ledger need (a slow Redis must cost a cache miss, not a stalled agent): commands are
 * rejected, not queued, while
 * disconnected; Lettuce reconnects in the background at most a second apart; a command times out
 * after {@code spring.data.redis.timeout} (default here 100 ms, not Lettuce's 60 s) and a connect
 * after {@code spring.data.redis.connect-timeout} (default here 500 ms). Each customizer backs off
 * for an application bean of the same name.
 *
 * <p>Nothing connects at start-up: the factory connects on first use, and only the features that
 * use Redis ({@code soc.context-store.cache.l2.enabled}, {@code soc.agent-runtime.cache.redis.enabled},
 * {@code soc.agent-runtime.budget.ledger=redis}, {@code soc.agent-runtime.limits.shared=redis} and
 * soc-api's {@code soc.api.throttle.shared=redis}, these two over one more connection of the same
 * client) use it.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass(LettuceConnectionFactory.class)
public class FailFastRedisAutoConfiguration {

    /** Default command timeout of the shared connection. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(100);

    /** Default connect timeout of the shared connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    /** The longest pause between two reconnect attempts. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean(name = "socRedisFailFastClientOptions")
    LettuceClientOptionsBuilderCustomizer socRedisFailFastClientOptions(
            ObjectProvider<DataRedisProperties> properties) {
        return builder -> failFast(builder, connectTimeoutSet(properties));
    }

    @Bean
    @ConditionalOnMissingBean(name = "socRedisFailFastCommandTimeout")
    LettuceClientConfigurationBuilderCustomizer socRedisFailFastCommandTimeout(
            ObjectProvider<DataRedisProperties> properties) {
        return builder -> {
            DataRedisProperties redis = properties.getIfAvailable();
            if (redis == null || redis.getTimeout() == null) {
                builder.commandTimeout(COMMAND_TIMEOUT);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "socRedisFailFastReconnect")
    ClientResourcesBuilderCustomizer socRedisFailFastReconnect() {
        return builder -> builder.reconnectDelay(reconnectDelay());
    }

    /** Rejects commands while disconnected, reconnects, and bounds the connect unless {@code connectTimeoutSet}. */
    public static ClientOptions.Builder failFast(ClientOptions.Builder builder, boolean connectTimeoutSet) {
        builder.autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        if (!connectTimeoutSet) {
            builder.socketOptions(
                    SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build());
        }
        return builder;
    }

    /** Exponential from 10 ms, at most {@link #MAX_RECONNECT_DELAY}. */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS);
    }

    /**
     * A started connection factory with the same fail-fast settings, for code without Spring Boot's
     * auto-configuration (tests that play several instances, benchmarks); it owns its client
     * resources and shuts them down with itself ({@code destroy}).
     *
     * @param url {@code redis://host:port}
     */
    public static LettuceConnectionFactory failFastConnectionFactory(String url, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(url);
        ClientResources resources =
                ClientResources.builder().reconnectDelay(reconnectDelay()).build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(commandTimeout)
                .clientOptions(failFast(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()), false)
                        .build())
                .clientResources(resources)
                .build();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()), client) {
                    @Override
                    public void destroy() {
                        super.destroy();
                        resources.shutdown(0, 2, TimeUnit.SECONDS);
                    }
                };
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static boolean connectTimeoutSet(ObjectProvider<DataRedisProperties> properties) {
        DataRedisProperties redis = properties.getIfAvailable();
        return redis != null && redis.getConnectTimeout() != null;
    }
}
