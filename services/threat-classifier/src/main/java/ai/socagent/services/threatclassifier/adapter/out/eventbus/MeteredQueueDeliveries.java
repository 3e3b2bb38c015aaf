package ai.socagent.services.threatclassifier.adapter.out.eventbus;

import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.threatclassifier.application.port.out.QueueDeliveriesPort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue's deliveries from the event bus's gauges ({@code soc.event-bus.deliveries.waiting|running}
 * and {@code soc.event-bus.dead-letters}, tagged {@code queue}): the in-process bus has them; where a
 * gauge is absent (SQS consumers) the figure is unknown.
 */
public final class MeteredQueueDeliveries implements QueueDeliveriesPort {

    private final MeterRegistry meters;

    public MeteredQueueDeliveries(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    public AgentStatus.QueueDeliveries of(String queue) {
        return new AgentStatus.QueueDeliveries(
                queue,
                gauge("soc.event-bus.deliveries.waiting", queue),
                gauge("soc.event-bus.deliveries.running", queue),
                gauge("soc.event-bus.dead-letters", queue));
    }

    private Optional<Long> gauge(String name, String queue) {
        Gauge gauge = meters.find(name).tag("queue", queue).gauge();
        if (gauge == null) {
            return Optional.empty();
        }
        double value = gauge.value();
        return Double.isNaN(value) ? Optional.empty() : Optional.of(Math.round(value));
    }
}
