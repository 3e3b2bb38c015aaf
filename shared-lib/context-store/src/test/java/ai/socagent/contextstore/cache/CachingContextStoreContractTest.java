package ai.socagent.contextstore.cache;

import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextStoreContract;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.io.TempDir;

/** The caching decorator (L1 + a shared L2) must keep every promise of the store underneath. */
class CachingContextStoreContractTest extends ContextStoreContract {

    @TempDir
    Path directory;

    private final InMemoryContextCache.Shared l2 = new InMemoryContextCache.Shared();

    @Override
    protected String environment() {
        return "cached";
    }

    @Override
    protected ContextStore openStore(ContextTables tables, Clock clock) {
        EmbeddedContextStore embedded =
                EmbeddedContextStore.open(directory.resolve("store.mv"), tables, clock, CursorCodec.create());
        return CachingContextStore.wrap(
                embedded,
                new TieredContextCache(
                        new CaffeineL1Cache(1_000, Duration.ofMinutes(5), clock),
                        l2.member(),
                        Duration.ofHours(1),
                        Duration.ofSeconds(5),
                        clock,
                        new SimpleMeterRegistry()));
    }

    @Override
    protected Collection<String> existingTableNames(ContextStore openStore) {
        return ((EmbeddedContextStore) ((CachingContextStore) openStore).delegate()).storedMapNames();
    }
}
