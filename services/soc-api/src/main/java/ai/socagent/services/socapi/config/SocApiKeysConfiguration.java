package ai.socagent.services.socapi.config;

import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.services.socapi.adapter.out.contextstore.ContextStoreApiKeyStore;
import ai.socagent.services.socapi.application.ApiKeyService;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API keys and their store, on their own: the API imports them, and so does the standalone
 * jar's offline {@code api-keys} command, which needs nothing else of the API but the context store.
 */
@Configuration(proxyBeanMethods = false)
public class SocApiKeysConfiguration {

    /** API keys in the shared context store (GlobalContextTable), so every instance knows them. */
    @Bean
    ContextStoreApiKeyStore apiKeyStore(GlobalContextRepository global) {
        return new ContextStoreApiKeyStore(global);
    }

    @Bean
    ApiKeyService apiKeyService(ContextStoreApiKeyStore store, ObjectProvider<Clock> clock) {
        return new ApiKeyService(store, clock.getIfUnique(Clock::systemUTC));
    }
}
