package ai.socagent.eventbus.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingDefinitionsTest {

    private static final RoutingDefinition BUNDLED = RoutingDefinitions.bundled();

    @Test
    void bundled_rulesFile_isTheOneInInfraEvents() {
        RoutingDefinition fromRepository = RoutingDefinitions.load(Path.of("../../infra/events/rules.json"));

        assertThat(BUNDLED).isEqualTo(fromRepository);
        assertThat(BUNDLED.schemaVersion()).isEqualTo(RoutingDefinition.SCHEMA_VERSION);
        assertThat(BUNDLED.bus())
                .isEqualTo(new BusDefinition(DomainEvents.EventBus.NAME, DomainEvents.EventBus.SOURCE));
    }

    @Test
    void bundled_designRules_areKeptVerbatim() {
        assertThat(BUNDLED.rules().stream().filter(RuleDefinition::design))
                .extracting(RuleDefinition::name, RuleDefinition::targets)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "threat-classification-complete", List.of("investigation", "audit-trail")),
                        org.assertj.core.groups.Tuple.tuple(
                                "investigation-complete", List.of("response-orchestration", "dashboard")),
                        org.assertj.core.groups.Tuple.tuple(
                                "emergency-threat-detected", List.of("emergency-notifications", "emergency-workflow")));
    }

    @Test
    void bundled_everyQueue_hasDeadLetterQueueAndRedriveCount() {
        assertThat(BUNDLED.queues())
                .extracting(QueueDefinition::name)
                .containsExactlyInAnyOrder(
                        "threat-classifier",
                        "threat-classifier-priority",
                        "threat-intelligence",
                        "investigation",
                        "root-cause-analysis",
                        "response-orchestration",
                        "response-orchestration-priority",
                        "dashboard",
                        "audit-trail",
                        "emergency-workflow");
        assertThat(BUNDLED.queues()).allSatisfy(queue -> {
            assertThat(queue.deadLetterQueue()).isEqualTo(queue.name() + "-dlq");
            assertThat(queue.maxReceiveCount()).isBetween(1, 10);
        });
        assertThat(BUNDLED.queue("response-orchestration-priority")
                        .orElseThrow()
                        .priority())
                .isTrue();
        assertThat(BUNDLED.topics()).containsExactly(new TopicDefinition("emergency-notifications"));
    }

    @Test
    void bundled_awsServiceRules_liveOnTheDefaultBus() {
        assertThat(BUNDLED.rules().stream().filter(r -> r.eventBus().isPresent()))
                .extracting(RuleDefinition::name)
                .containsExactlyInAnyOrder(
                        "guardduty-finding-ingestion",
                        "guardduty-critical-finding-ingestion",
                        "securityhub-finding-ingestion");
        assertThat(BUNDLED.rule("guardduty-finding-ingestion").orElseThrow().busOr("x"))
                .isEqualTo(RoutingDefinition.DEFAULT_BUS);
        assertThat(BUNDLED.rule("threat-submitted").orElseThrow().busOr("x")).isEqualTo("x");
    }

    @Test
    void parse_undeclaredTarget_reportsTheRuleAndTarget() {
        String json = minimal("\"targets\": [\"investigation\", \"nowhere\"]");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("rules[0].targets[1]: 'nowhere' is not a declared queue or topic"));
    }

    @Test
    void parse_deadLetterQueueAsTarget_isRefused() {
        String json = minimal("\"targets\": [\"investigation\", \"investigation-dlq\"]");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("rules[0].targets[1]: 'investigation-dlq' is a dead-letter queue"));
    }

    @Test
    void parse_invalidEventPattern_isRefusedWithTheMatchersReason() {
        String json = minimal("\"targets\": [\"investigation\"]")
                .replace("{ \"source\": [\"ai-agent-service\"] }", "{ \"source\": \"not-an-array\" }");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("rules[0].eventPattern: not a valid event pattern: "));
    }

    @Test
    void parse_queueWithoutDeadLetterQueueOrRedriveCount_reportsBoth() {
        String json = minimal("\"targets\": [\"investigation\"]")
                .replace("\"deadLetterQueue\": \"investigation-dlq\", \"maxReceiveCount\": 5", "\"priority\": false");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "queues[0].deadLetterQueue: must be a non-blank string",
                                        "queues[0].maxReceiveCount: must be an integer"));
    }

    @Test
    void parse_unsupportedSchemaVersionAndTooManyTargets_reportsEveryProblem() {
        String json = minimal("\"targets\": [\"investigation\", \"a\", \"b\", \"c\", \"d\", \"e\"]")
                .replace("\"schemaVersion\": 1", "\"schemaVersion\": 2");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "schemaVersion: 2 is not supported, only 1",
                                        "rules[0].targets: a rule needs 1 to 5 targets but has 6",
                                        "rules[0].targets[5]: 'e' is not a declared queue or topic"));
    }

    @Test
    void parse_queueNoRuleTargets_isReportedAsOrphan() {
        String json = minimal("\"targets\": [\"investigation\"]")
                .replace(
                        "\"queues\": [",
                        "\"queues\": [{ \"name\": \"spare\", \"deadLetterQueue\": \"spare-dlq\", \"maxReceiveCount\": 2 },");

        assertThatThrownBy(() -> RoutingDefinitions.parse(json))
                .isInstanceOfSatisfying(
                        InvalidRoutingDefinitionException.class,
                        e -> assertThat(e.problems()).containsExactly("queue 'spare' is the target of no rule"));
    }

    @Test
    void parse_notJson_saysSo() {
        assertThatThrownBy(() -> RoutingDefinitions.parse("{ nope"))
                .isInstanceOf(InvalidRoutingDefinitionException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void parse_validMinimalDefinition_readsEveryField() {
        RoutingDefinition definition = RoutingDefinitions.parse(minimal("\"targets\": [\"investigation\"]"));

        assertThat(definition.queues())
                .containsExactly(new QueueDefinition("investigation", "investigation-dlq", 5, 30, false));
        RuleDefinition rule = definition.rules().getFirst();
        assertThat(rule.name()).isEqualTo("r1");
        assertThat(rule.eventPattern()).isEqualTo("{\"source\":[\"ai-agent-service\"]}");
        assertThat(rule.targets()).containsExactly("investigation");
        assertThat(rule.design()).isFalse();
    }

    private static String minimal(String targets) {
        return """
                {
                  "schemaVersion": 1,
                  "bus": { "name": "ai-agent-events", "source": "ai-agent-service" },
                  "queues": [
                    { "name": "investigation", "deadLetterQueue": "investigation-dlq", "maxReceiveCount": 5 }
                  ],
                  "rules": [
                    { "name": "r1", "eventPattern": { "source": ["ai-agent-service"] }, %s }
                  ]
                }
                """.formatted(targets);
    }
}
