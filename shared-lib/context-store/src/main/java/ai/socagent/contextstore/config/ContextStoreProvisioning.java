package ai.socagent.contextstore.config;

import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Creates what the aws-mode store expects in an emulator (moto/LocalStack: in AWS, Terraform owns
 * it) when the context starts, not while its beans are made: the context tables with their TTL and
 * the shard-lease table ({@code soc.context-store.dynamodb.provision-tables}), the archive buckets
 * ({@code soc.context-store.archive.provision-buckets}). Its phase is before every other lifecycle
 * of the fleet (the event bus's consumers, the stream archiver), so nothing reads or writes a table
 * that is not there yet. Each step is a create-if-missing; it runs once per context.
 */
public final class ContextStoreProvisioning implements SmartLifecycle {

    /** Before the in-process bus ({@code DEFAULT_PHASE - 4096}) and every default-phase lifecycle. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

    private final String what;
    private final Runnable provision;
    private volatile boolean running;

    public ContextStoreProvisioning(String what, Runnable provision) {
        this.what = Objects.requireNonNull(what, "what");
        this.provision = Objects.requireNonNull(provision, "provision");
    }

    @Override
    public synchronized void start() {
        if (!running) {
            provision.run();
            running = true;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public String toString() {
        return "provisioning of " + what;
    }
}
