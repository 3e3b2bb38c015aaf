package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;

class ContextStoreProvisioningTest {

    @Test
    void start_provisionsOnceAndBeforeTheDefaultPhaseAndTheStreamArchiver() {
        AtomicInteger runs = new AtomicInteger();
        ContextStoreProvisioning provisioning = new ContextStoreProvisioning("tables", runs::incrementAndGet);

        assertThat(runs).hasValue(0); // nothing while the bean is made
        provisioning.start();
        provisioning.start();

        assertThat(runs).hasValue(1);
        assertThat(provisioning.isRunning()).isTrue();
        assertThat(provisioning.isAutoStartup()).isTrue();
        assertThat(provisioning.getPhase())
                .isLessThan(SmartLifecycle.DEFAULT_PHASE - 4096) // the in-process bus's phase
                .isLessThan(AgentContextStreamArchiving.PHASE);
    }
}
