package ai.socagent.services.socapi.adapter.out.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** This instance's buckets: bounded by count, and forgotten once they would be full again. */
class InMemoryClientAllowancesTest {

    @Test
    void maxClients_boundsTheBucketsHeld() {
        InMemoryClientAllowances allowances = new InMemoryClientAllowances(500, 1000, 100);
        for (int i = 0; i < 1_000; i++) {
            assertThat(allowances.tryTake("caller:key_" + i).taken()).isTrue();
        }
        assertThat(allowances.clients()).isLessThanOrEqualTo(100);
    }

    @Test
    void timeToFill_isTheBurstAtTheRate() {
        assertThat(InMemoryClientAllowances.timeToFill(500, 1000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(InMemoryClientAllowances.timeToFill(1_000_000, 1_000_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(InMemoryClientAllowances.timeToFill(3, 1)).isEqualTo(Duration.ofNanos(333_333_333));
    }

    @Test
    void nonPositiveFigures_areRefused() {
        assertThatThrownBy(() -> new InMemoryClientAllowances(0, 1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
