package ai.socagent.eventbus.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.event.ruler.Machine;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes EventBridge events the way the rules of a {@link RoutingDefinition} do, with event-ruler,
 * the matcher EventBridge is built on. Thread-safe: the machine is built once and only read.
 */
public final class EventRouter {

    private static final Set<String> ENVELOPE_ONLY_FIELDS = Set.of("source", "detail-type");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RoutingDefinition definition;
    private final Machine machine;
    private final Map<String, RuleDefinition> rulesByName = new LinkedHashMap<>();
    private final boolean envelopeOnly;
    private final Map<String, Set<String>> targetsByType = new ConcurrentHashMap<>();

    private EventRouter(RoutingDefinition definition) {
        this.definition = definition;
        this.machine = Machine.builder().build();
        for (RuleDefinition rule : definition.rules()) {
            rulesByName.put(rule.name(), rule);
            try {
                machine.addRule(rule.name(), rule.eventPattern());
            } catch (IOException e) {
                throw new UncheckedIOException("rule " + rule.name() + " has an unreadable pattern", e);
            }
        }
        // When no pattern looks beyond source and detail-type, routing depends on those two only
        // and can be cached per pair (the fast path of the in-process bus).
        envelopeOnly = definition.rules().stream()
                .allMatch(rule -> ENVELOPE_ONLY_FIELDS.containsAll(
                        JSON.readTree(rule.eventPattern()).propertyNames()));
    }

    /** A router for every rule of {@code definition}. */
    public static EventRouter create(RoutingDefinition definition) {
        return new EventRouter(definition);
    }

    /** The definition this router follows. */
    public RoutingDefinition definition() {
        return definition;
    }

    /**
     * Names of the rules matching {@code eventJson}, a complete EventBridge event ({@code source},
     * {@code detail-type}, {@code detail}, ...), sorted.
     *
     * <p>The in-process bus is a single bus: a rule declared on {@link RoutingDefinition#DEFAULT_BUS}
     * matches here just like one on the agents' bus.
     */
    public Set<String> matchingRules(String eventJson) {
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an EventBridge event: " + e.getMessage(), e);
        }
        return new TreeSet<>(matched);
    }

    /**
     * {@link #targets(String)} of {@code eventJson}, whose source and detail-type the caller already
     * knows: when no rule's pattern looks at other fields the answer is cached per pair and {@code
     * eventJson} is not parsed.
     */
    public Set<String> targets(String source, String detailType, String eventJson) {
        if (!envelopeOnly) {
            return targets(eventJson);
        }
        return targetsByType.computeIfAbsent(
                source + '\u0000' + detailType,
                key -> Collections.unmodifiableSet(
                        targets(JSON.writeValueAsString(Map.of("source", source, "detail-type", detailType)))));
    }

    /** Logical names of the queues and topics {@code eventJson} is delivered to, sorted. */
    public Set<String> targets(String eventJson) {
        Set<String> targets = new TreeSet<>();
        for (String rule : matchingRules(eventJson)) {
            targets.addAll(rulesByName.get(rule).targets());
        }
        return targets;
    }
}
