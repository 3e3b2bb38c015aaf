package ai.socagent.eventbus.routing;

import java.util.List;
import java.util.Optional;

/**
 * One EventBridge rule.
 *
 * @param name the rule name, valid for EventBridge
 * @param description what it routes and why
 * @param eventBus the bus the rule lives on when it is not the agents' bus: {@code default} for
 *     events AWS services deliver (GuardDuty, Security Hub)
 * @param design true for the three rules taken verbatim from the design
 * @param eventPattern the EventBridge event pattern, as JSON text
 * @param targets logical names of the queues and topics the matching events go to
 */
public record RuleDefinition(
        String name,
        String description,
        Optional<String> eventBus,
        boolean design,
        String eventPattern,
        List<String> targets) {

    public RuleDefinition {
        eventBus = eventBus == null ? Optional.empty() : eventBus;
        targets = List.copyOf(targets);
    }

    /** The bus this rule lives on: {@link #eventBus()} or else {@code agentBus}. */
    public String busOr(String agentBus) {
        return eventBus.orElse(agentBus);
    }
}
