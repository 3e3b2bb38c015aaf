package ai.socagent.eventbus.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * The one routing definition of the event backbone ({@code infra/events/rules.json}): the bus, every
 * rule with its event pattern and logical targets, every queue with its dead-letter queue, and the
 * topics. Terraform, the local bootstrapper and the in-process bus all read it, so the routings
 * cannot drift apart. Load it with {@link RoutingDefinitions}; construction validates it.
 *
 * @param schemaVersion version of the file's format, {@link #SCHEMA_VERSION}
 * @param bus the agents' bus
 * @param queues the consumers' queues
 * @param topics the SNS topics
 * @param rules the rules
 */
public record RoutingDefinition(
        int schemaVersion,
        BusDefinition bus,
        List<QueueDefinition> queues,
        List<TopicDefinition> topics,
        List<RuleDefinition> rules) {

    /** The only format version this code reads. */
    public static final int SCHEMA_VERSION = 1;

    /** EventBridge: at most five targets per rule. */
    public static final int MAX_TARGETS_PER_RULE = 5;

    /** The bus AWS services (GuardDuty, Security Hub) deliver their events to. */
    public static final String DEFAULT_BUS = "default";

    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    // Leaves room for the suffix a test or environment appends (queue names: 80 characters).
    private static final Pattern RESOURCE_NAME = Pattern.compile("[\\-_A-Za-z0-9]{1,60}");

    public RoutingDefinition {
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        rules = List.copyOf(rules);
        List<String> problems = problems(schemaVersion, bus, queues, topics, rules);
        if (!problems.isEmpty()) {
            throw new InvalidRoutingDefinitionException(problems);
        }
    }

    /** The queue called {@code name}. */
    public Optional<QueueDefinition> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** The topic called {@code name}. */
    public Optional<TopicDefinition> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The rule called {@code name}. */
    public Optional<RuleDefinition> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static List<String> problems(
            int schemaVersion,
            BusDefinition bus,
            List<QueueDefinition> queues,
            List<TopicDefinition> topics,
            List<RuleDefinition> rules) {
        List<String> problems = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            problems.add("schemaVersion: " + schemaVersion + " is not supported, only " + SCHEMA_VERSION);
        }
        if (bus == null || bus.name() == null || !BUS_NAME.matcher(bus.name()).matches()) {
            problems.add("bus.name: must be a valid event bus name");
        }
        if (bus == null || bus.source() == null || bus.source().isBlank()) {
            problems.add("bus.source: must not be blank");
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueDefinition queue = queues.get(i);
            String at = "queues[" + i + "]";
            declare(declared, queue.name(), at + ".name", problems);
            declare(declared, queue.deadLetterQueue(), at + ".deadLetterQueue", problems);
            if (queue.maxReceiveCount() < 1 || queue.maxReceiveCount() > 1000) {
                problems.add(at + ".maxReceiveCount: must be 1 to 1000 but was " + queue.maxReceiveCount());
            }
            if (queue.visibilityTimeoutSeconds() < 0 || queue.visibilityTimeoutSeconds() > 43_200) {
                problems.add(at + ".visibilityTimeoutSeconds: must be 0 to 43200 but was "
                        + queue.visibilityTimeoutSeconds());
            }
        }
        for (int i = 0; i < topics.size(); i++) {
            declare(declared, topics.get(i).name(), "topics[" + i + "].name", problems);
        }
        Set<String> deadLetterQueues =
                Set.copyOf(queues.stream().map(QueueDefinition::deadLetterQueue).toList());
        Set<String> targeted = new java.util.HashSet<>();
        Set<String> ruleNames = new java.util.HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (rule.name() == null || !RULE_NAME.matcher(rule.name()).matches()) {
                problems.add(at + ".name: '" + rule.name() + "' is not a valid EventBridge rule name");
            } else if (!ruleNames.add(rule.name())) {
                problems.add(at + ".name: duplicate rule '" + rule.name() + "'");
            }
            rule.eventBus()
                    .filter(b -> !BUS_NAME.matcher(b).matches())
                    .ifPresent(b -> problems.add(at + ".eventBus: '" + b + "' is not a valid event bus name"));
            String patternError = rule.eventPattern() == null ? "missing" : JsonRuleCompiler.check(rule.eventPattern());
            if (patternError != null) {
                problems.add(at + ".eventPattern: not a valid event pattern: " + patternError);
            }
            if (rule.targets().isEmpty() || rule.targets().size() > MAX_TARGETS_PER_RULE) {
                problems.add(at + ".targets: a rule needs 1 to " + MAX_TARGETS_PER_RULE + " targets but has "
                        + rule.targets().size());
            }
            if (Set.copyOf(rule.targets()).size() != rule.targets().size()) {
                problems.add(at + ".targets: duplicate target");
            }
            for (int t = 0; t < rule.targets().size(); t++) {
                String target = rule.targets().get(t);
                if (deadLetterQueues.contains(target)) {
                    problems.add(at + ".targets[" + t + "]: '" + target + "' is a dead-letter queue");
                } else if (!declared.containsKey(target)) {
                    problems.add(at + ".targets[" + t + "]: '" + target + "' is not a declared queue or topic");
                }
                targeted.add(target);
            }
        }
        for (QueueDefinition queue : queues) {
            if (!targeted.contains(queue.name())) {
                problems.add("queue '" + queue.name() + "' is the target of no rule");
            }
        }
        for (TopicDefinition topic : topics) {
            if (!targeted.contains(topic.name())) {
                problems.add("topic '" + topic.name() + "' is the target of no rule");
            }
        }
        return problems;
    }

    private static void declare(Map<String, String> declared, String name, String at, List<String> problems) {
        if (name == null || !RESOURCE_NAME.matcher(name).matches()) {
            problems.add(at + ": '" + name + "' must be 1 to 60 letters, digits, '-' or '_'");
            return;
        }
        String previous = declared.putIfAbsent(name, at);
        if (previous != null) {
            problems.add(at + ": '" + name + "' is already declared at " + previous);
        }
    }
}
