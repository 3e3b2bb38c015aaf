package ai.socagent.services.threatclassifier.application.port.out;

import ai.socagent.domain.agent.AgentStatus;

/** What this process knows of a queue's deliveries: waiting, running, dead-lettered. */
public interface QueueDeliveriesPort {

    /** The deliveries of {@code queue} as this process sees them now (unknown figures empty). */
    AgentStatus.QueueDeliveries of(String queue);
}
