package ai.socagent.services.socapi.config;

import ai.socagent.services.socapi.adapter.out.memory.InMemoryClientAllowances;
import ai.socagent.services.socapi.adapter.out.redis.RedisClientAllowances;
import ai.socagent.services.socapi.application.RequestThrottleService;
import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase;
import ai.socagent.services.socapi.application.port.out.ClientAllowancePort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The per-client throttle's buckets ({@code soc.api.throttle.*}): this instance's ({@code
 * shared=memory}, the default, and the standalone's) or the fleet's in Redis ({@code shared=redis}:
 * one more connection of the application's Redis client, the {@code spring.data.redis.*} Lettuce
 * connection factory, closed with the context; this instance's buckets while Redis fails).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SocApiThrottleProperties.class)
public class SocApiThrottleConfiguration {

    @Bean
    ClientAllowancePort socApiClientAllowances(
            SocApiThrottleProperties throttle,
            ObjectProvider<RedisConnectionFactory> connectionFactory,
            ObjectProvider<MeterRegistry> meters) {
        InMemoryClientAllowances local =
                new InMemoryClientAllowances(throttle.ratePerSecond(), throttle.burst(), throttle.maxClients());
        if (throttle.shared() == SocApiThrottleProperties.Shared.MEMORY) {
            return local;
        }
        RedisConnectionFactory factory = connectionFactory.getIfUnique();
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("soc.api.throttle.shared=redis needs the application's Redis connection"
                    + " (spring.data.redis.*: one Lettuce connection factory), not " + factory);
        }
        return RedisClientAllowances.over(
                lettuce,
                local,
                new RedisClientAllowances.Settings(
                        throttle.ratePerSecond(), throttle.burst(), throttle.keyPrefix(), throttle.retryInterval()),
                meters.getIfUnique(() -> Metrics.globalRegistry));
    }

    @Bean
    AdmitRequestUseCase socApiAdmissions(ClientAllowancePort allowances) {
        return new RequestThrottleService(allowances);
    }
}
