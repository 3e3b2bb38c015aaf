package ai.socagent.eventbus.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads the routing definition ({@code infra/events/rules.json}) into a validated {@link RoutingDefinition}. */
public final class RoutingDefinitions {

    /** Where the build puts {@code infra/events/rules.json} on the class path. */
    public static final String CLASSPATH_LOCATION = "ai/socagent/eventbus/routing/rules.json";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private RoutingDefinitions() {}

    /** The routing definition shipped in this library's jar. */
    public static RoutingDefinition bundled() {
        try (InputStream in = RoutingDefinitions.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routing definition in {@code file}. */
    public static RoutingDefinition load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses and validates a routing definition.
     *
     * @throws InvalidRoutingDefinitionException listing every problem found
     */
    public static RoutingDefinition parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidRoutingDefinitionException(List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidRoutingDefinitionException(List.of("the routing definition must be a JSON object"));
        }
        JsonNode bus = root.path("bus");
        List<QueueDefinition> queues = new ArrayList<>();
        JsonNode queueNodes = array(root, "queues", problems);
        for (int i = 0; i < queueNodes.size(); i++) {
            JsonNode q = queueNodes.get(i);
            String at = "queues[" + i + "]";
            queues.add(new QueueDefinition(
                    text(q, "name", at, problems),
                    text(q, "deadLetterQueue", at, problems),
                    integer(q, "maxReceiveCount", at, problems),
                    q.path("visibilityTimeoutSeconds").asInt(30),
                    q.path("priority").asBoolean(false)));
        }
        List<TopicDefinition> topics = new ArrayList<>();
        JsonNode topicNodes = root.has("topics") ? array(root, "topics", problems) : JSON.createArrayNode();
        for (int i = 0; i < topicNodes.size(); i++) {
            topics.add(new TopicDefinition(text(topicNodes.get(i), "name", "topics[" + i + "]", problems)));
        }
        List<RuleDefinition> rules = new ArrayList<>();
        JsonNode ruleNodes = array(root, "rules", problems);
        for (int i = 0; i < ruleNodes.size(); i++) {
            JsonNode r = ruleNodes.get(i);
            String at = "rules[" + i + "]";
            JsonNode pattern = r.path("eventPattern");
            if (!pattern.isObject()) {
                problems.add(at + ".eventPattern: must be a JSON object");
            }
            List<String> targets = new ArrayList<>();
            JsonNode targetNodes = array(r, "targets", at, problems);
            for (int t = 0; t < targetNodes.size(); t++) {
                targets.add(targetNodes.get(t).asString());
            }
            rules.add(new RuleDefinition(
                    text(r, "name", at, problems),
                    r.path("description").asString(""),
                    r.hasNonNull("eventBus") ? Optional.of(r.get("eventBus").asString()) : Optional.empty(),
                    r.path("design").asBoolean(false),
                    pattern.isObject() ? JSON.writeValueAsString(pattern) : null,
                    targets));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRoutingDefinitionException(problems);
        }
        return new RoutingDefinition(
                integer(root, "schemaVersion", "", problems),
                new BusDefinition(
                        bus.path("name").asString(null), bus.path("source").asString(null)),
                queues,
                topics,
                rules);
    }

    private static JsonNode array(JsonNode node, String field, List<String> problems) {
        return array(node, field, "", problems);
    }

    private static JsonNode array(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            problems.add(path(at, field) + ": must be an array");
            return JSON.createArrayNode();
        }
        return value;
    }

    private static String text(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            problems.add(path(at, field) + ": must be a non-blank string");
            return null;
        }
        return value.asString();
    }

    private static int integer(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            problems.add(path(at, field) + ": must be an integer");
            return 0;
        }
        return value.asInt();
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }
}
