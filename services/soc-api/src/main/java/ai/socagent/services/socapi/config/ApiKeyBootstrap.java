package ai.socagent.services.socapi.config;

import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Before the web server opens: makes sure an admin can get in. A configured bootstrap key
 * ({@code soc.api.security.api-keys.bootstrap-key}) has its hash stored; otherwise, when no valid
 * admin key exists, one is created and printed once on stdout (the log only names its key id).
 */
final class ApiKeyBootstrap implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyBootstrap.class);

    private final ManageApiKeysUseCase apiKeys;
    private final SocApiSecurityProperties.ApiKeys settings;
    private final PrintStream out;
    private volatile boolean running;

    ApiKeyBootstrap(ManageApiKeysUseCase apiKeys, SocApiSecurityProperties.ApiKeys settings, PrintStream out) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void start() {
        Optional<String> known = Optional.ofNullable(settings.bootstrapKey());
        if (known.isPresent() || settings.createAdminOnFirstStart()) {
            apiKeys.ensureAdminKey(known).ifPresent(this::announce);
        }
        running = true;
    }

    private void announce(CreatedApiKey created) {
        LOG.warn(
                "No admin API key existed: created {} and printed it once on stdout; only its hash is kept",
                created.key().keyId());
        out.println();
        out.println("================================================================================");
        out.println(" First start: an admin API key was created. It is shown this once; keep it.");
        out.println();
        out.println("   X-Api-Key: " + created.secret());
        out.println();
        out.println(" Create more (POST /api/v1/api-keys) and revoke this one once you have your own.");
        out.println("================================================================================");
        out.println();
        out.flush();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts taking requests (its lifecycle's phase is DEFAULT_PHASE - 1024). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 2048;
    }
}
