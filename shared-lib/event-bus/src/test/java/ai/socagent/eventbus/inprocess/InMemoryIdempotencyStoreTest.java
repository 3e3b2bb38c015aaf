package ai.socagent.eventbus.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.eventbus.IdempotencyStore.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void claim_secondTimeWithinTheLease_isInProgress_andAfterCompleteHandled() {
        assertThat(store.claim("investigation", "e-1", Duration.ofHours(1))).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("investigation", "e-1", Duration.ofHours(1))).isEqualTo(Claim.IN_PROGRESS);
        assertThat(store.claim("dashboard", "e-1", Duration.ofHours(1))).isEqualTo(Claim.CLAIMED);

        store.complete("investigation", "e-1", Duration.ofHours(24));

        assertThat(store.claim("investigation", "e-1", Duration.ofHours(1))).isEqualTo(Claim.HANDLED);
    }

    @Test
    void claim_afterTheLeaseOfAHolderThatNeverCompleted_succeedsAgain() {
        store.claim("investigation", "e-1", Duration.ofMinutes(5));
        now.set(now.get().plus(Duration.ofMinutes(5)));

        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void claim_completedClaim_isHandledUntilItsTtl() {
        store.claim("investigation", "e-1", Duration.ofMinutes(5));
        store.complete("investigation", "e-1", Duration.ofHours(24));
        now.set(now.get().plus(Duration.ofHours(23)));

        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.HANDLED);

        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void release_claimedId_canBeClaimedAgain() {
        store.claim("investigation", "e-1", Duration.ofHours(1));

        store.release("investigation", "e-1");

        assertThat(store.claim("investigation", "e-1", Duration.ofHours(1))).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void claim_concurrentCallers_exactlyOneWins() {
        long winners = IntStream.range(0, 64)
                .parallel()
                .filter(i -> store.claim("investigation", "e-race", Duration.ofHours(1)) == Claim.CLAIMED)
                .count();

        assertThat(winners).isEqualTo(1);
    }

    @Test
    void claim_manyExpiredClaims_arePruned() {
        IntStream.range(0, 5000).forEach(i -> store.claim("c", "old-" + i, Duration.ofSeconds(1)));
        now.set(now.get().plusSeconds(2));

        IntStream.range(0, 4096).forEach(i -> store.claim("c", "new-" + i, Duration.ofHours(1)));

        assertThat(store.size()).isLessThan(5000);
    }
}
