package ai.socagent.eventbus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore.Claim;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-phase claim as the rules use it: a lease while the handler runs, completed after. */
class DeliveryRulesTest {

    private static final Duration LEASE = Duration.ofSeconds(120);
    private static final Duration TTL = Duration.ofHours(24);

    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
    private final DeliveryRules rules = DeliveryRules.create(
            EventCodec.create(), store, EventTracing.noop(), EventTracing.AWS_SQS, RetryPolicy.defaults(), TTL, LEASE);
    private final DomainEvent event = SampleEvents.all().getFirst();
    private final InboundEvent inbound = new InboundEvent.PipelineEvent(event, TraceContext.newRoot());
    private final List<InboundEvent> handled = new ArrayList<>();

    @Test
    void deliver_handled_completesTheClaimSoARedeliveryIsADuplicate() {
        assertThat(rules.deliver("q", null, inbound, 1, 5, handled::add))
                .isInstanceOf(DeliveryRules.Outcome.Handled.class);

        assertThat(rules.deliver("q", null, inbound, 1, 5, handled::add))
                .isInstanceOf(DeliveryRules.Outcome.Duplicate.class);
        assertThat(handled).hasSize(1);
        assertThat(store.claim("q", event.eventId(), LEASE)).isEqualTo(Claim.HANDLED);
    }

    @Test
    void deliver_whileAnotherDeliveryHoldsTheLease_comesBackAfterTheLeaseNeverAcknowledged() {
        // a consumer elsewhere claimed the event and has not completed it (it runs, or it died)
        assertThat(store.claim("q", event.eventId(), LEASE)).isEqualTo(Claim.CLAIMED);

        DeliveryRules.Outcome outcome = rules.deliver("q", null, inbound, 1, 5, handled::add);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DeliveryRules.Outcome.Retry.class,
                        retry -> assertThat(retry.backoff()).isEqualTo(LEASE));
        assertThat(handled).isEmpty();
    }

    @Test
    void deliver_handlerFails_releasesTheClaimForTheRetry() {
        DeliveryRules.Outcome outcome = rules.deliver("q", null, inbound, 1, 5, e -> {
            throw new IllegalStateException("down");
        });

        assertThat(outcome).isInstanceOf(DeliveryRules.Outcome.Retry.class);
        assertThat(store.claim("q", event.eventId(), LEASE)).isEqualTo(Claim.CLAIMED);
    }
}
