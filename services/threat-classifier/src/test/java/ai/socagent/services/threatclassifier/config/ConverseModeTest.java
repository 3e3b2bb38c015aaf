package ai.socagent.services.threatclassifier.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.agentruntime.model.CachingModelPort;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecords;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.observability.MetricNames;
import ai.socagent.services.threatclassifier.TestClassifiers;
import ai.socagent.services.threatclassifier.application.ClassifyThreatService;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service in converse mode against a local HTTP fake of Bedrock Converse (the real SDK client
 * on the wire): the model's answer becomes the classification; a storm of 500s or throttling makes
 * the offline engine answer, with the reason.
 */
@SpringBootTest(
        properties = {
            "soc.agent-runtime.mode=converse",
            "soc.agent-runtime.resilience.max-attempts=3",
            "soc.agent-runtime.resilience.initial-backoff=5ms",
            "soc.agent-runtime.resilience.minimum-calls=100",
            "soc.agent-runtime.resilience.call-timeout=5s"
        })
class ConverseModeTest {

    private static final String CONVERSE_PATH = "/model/[^/]+/converse";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final WireMockServer BEDROCK = new WireMockServer(options().dynamicPort());

    static {
        BEDROCK.start();
    }

    @DynamicPropertySource
    static void bedrock(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.aws.bedrock-runtime.endpoint", BEDROCK::baseUrl);
        registry.add("spring.cloud.aws.region.static", () -> "us-east-1");
    }

    @TestConfiguration
    static class Credentials {
        @Bean
        AwsCredentialsProvider testCredentials() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        }
    }

    @AfterAll
    static void stop() {
        BEDROCK.stop();
    }

    @Autowired
    private ClassifyThreatService service;

    @Autowired
    private ModelPort modelPort;

    /** The classifier's own ingestion (default limits), to compute the ids it gives threats. */
    private final FindingIngestion ingestion = FindingIngestion.withDefaults();

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private InProcessEventBus bus;

    @Autowired
    private ContextStore contextStore;

    @BeforeEach
    void reset() {
        BEDROCK.resetAll();
    }

    private Threat threat(String sample) {
        return Threat.forFinding(
                ingestion
                        .ingest(SampleFindings.read(sample), Instant.now())
                        .findings()
                        .getFirst(),
                "corr-" + sample,
                Instant.now());
    }

    private static ResponseDefinitionBuilder converse(String text) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        body.put("stopReason", "end_turn");
        body.putObject("usage").put("inputTokens", 800).put("outputTokens", 90).put("totalTokens", 890);
        body.putObject("metrics").put("latencyMs", 42);
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "req-model")
                .withBody(JSON.writeValueAsString(body));
    }

    private double fallbacks(String reason) {
        Counter counter = meters.find(MetricNames.AGENT_ERROR_RATE)
                .tag("agent", "ThreatClassifier")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void converseMode_theModelsAnswer_isTheClassification() {
        assertThat(modelPort).isInstanceOf(CachingModelPort.class);
        BEDROCK.stubFor(post(urlPathMatching(CONVERSE_PATH)).willReturn(converse("""
                {"category":"RECONNAISSANCE","severity":"CRITICAL","confidence":0.93,
                 "techniques":[{"id":"T1046","name":"Network Service Discovery"}],
                 "tactics":["TA0007"],"rationale":"Port scan of many ports from one instance."}""")));
        Threat threat = threat("guardduty/Recon_EC2_PortProbeUnprotectedPort.json");

        ClassifyThreatService.Outcome outcome = service.classifyWithOutcome(threat);

        Classification classification = outcome.classification();
        assertThat(outcome.fallbackReason()).isEmpty();
        assertThat(outcome.producedBy()).isIn(ModelRouting.CLAUDE_35_HAIKU, ModelRouting.CLAUDE_35_SONNET);
        assertThat(classification.classifiedBy()).isEqualTo(outcome.producedBy());
        assertThat(classification.category()).isEqualTo(ThreatCategory.RECONNAISSANCE);
        assertThat(classification.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(classification.confidence()).isEqualTo(0.93);
        assertThat(classification.techniques()).extracting(t -> t.techniqueId()).containsExactly("T1046");
        assertThat(classification.tactics()).extracting(t -> t.name()).containsExactly("Discovery");
        assertThat(outcome.events()).first().isInstanceOf(EmergencyThreatDetected.class);
        assertThat(outcome.events())
                .last()
                .isInstanceOfSatisfying(
                        ThreatClassificationComplete.class,
                        complete -> assertThat(complete.classification()).isEqualTo(classification));
        assertThat(BEDROCK.findAll(postRequestedFor(urlPathMatching(CONVERSE_PATH))))
                .singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString())
                        .contains("UNTRUSTED_DATA_BEGIN")
                        .contains(threat.finding().findingType()));
    }

    @Test
    void converseMode_serverErrorStorm_fallsBackToTheOfflineEngineWithTheReason() {
        BEDROCK.stubFor(post(urlPathMatching(CONVERSE_PATH))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "InternalServerException")
                        .withBody("{\"message\":\"boom\"}")));
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");
        double before = fallbacks("unavailable");

        ClassifyThreatService.Outcome outcome = service.classifyWithOutcome(threat);

        assertThat(outcome.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(outcome.fallbackReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("UNAVAILABLE").contains("offline engine"));
        Classification offline = TestClassifiers.offline().classify(threat.finding());
        assertThat(outcome.classification().classifiedBy()).isEqualTo(OfflineThreatClassifier.CLASSIFIED_BY);
        assertThat(outcome.classification().category()).isEqualTo(offline.category());
        assertThat(outcome.classification().techniques()).isEqualTo(offline.techniques());
        assertThat(fallbacks("unavailable")).isEqualTo(before + 1);
    }

    @Test
    void converseMode_throttlingStorm_retriesThenFallsBackWithTheReason() {
        BEDROCK.stubFor(post(urlPathMatching(CONVERSE_PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader(
                                "x-amzn-ErrorType",
                                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                        .withBody("{\"message\":\"Too many requests, please wait before trying again.\"}")));
        Threat threat = threat("guardduty/CryptoCurrency_EC2_BitcoinTool.B.json");

        ClassifyThreatService.Outcome outcome = service.classifyWithOutcome(threat);

        assertThat(BEDROCK.findAll(postRequestedFor(urlPathMatching(CONVERSE_PATH))))
                .hasSize(3);
        assertThat(outcome.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(outcome.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("THROTTLED"));
        assertThat(outcome.classification().classifiedBy()).isEqualTo(OfflineThreatClassifier.CLASSIFIED_BY);
        assertThat(fallbacks("throttled")).isPositive();
    }

    @Test
    void converseMode_threatOnTheBus_reachesInvestigationWithTheModelsClassification() {
        BEDROCK.stubFor(post(urlPathMatching(CONVERSE_PATH)).willReturn(converse("""
                {"category":"UNAUTHORIZED_ACCESS","severity":"CRITICAL","confidence":0.88,
                 "techniques":[{"id":"T1078","name":"Valid Accounts"}],
                 "tactics":["TA0001"],"rationale":"Console login from an unusual place."}""")));
        List<DomainEvent> investigationQueue = new CopyOnWriteArrayList<>();
        bus.subscribe("investigation", event -> {
            if (event instanceof InboundEvent.PipelineEvent pipeline) {
                investigationQueue.add(pipeline.event());
            }
        });
        Threat threat = threat("guardduty/UnauthorizedAccess_IAMUser_ConsoleLoginSuccess.B.json");

        bus.publish(ThreatSubmitted.of(threat, Instant.now()), TraceContext.newRoot());

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(investigationQueue)
                        .filteredOn(e -> e instanceof ThreatClassificationComplete c
                                && c.threatId().equals(threat.threatId()))
                        .singleElement()
                        .satisfies(e -> {
                            Classification classification = ((ThreatClassificationComplete) e).classification();
                            assertThat(classification.classifiedBy())
                                    .isIn(ModelRouting.CLAUDE_35_HAIKU, ModelRouting.CLAUDE_35_SONNET);
                            assertThat(classification.techniques())
                                    .extracting(t -> t.techniqueId())
                                    .containsExactly("T1078");
                        }));
        // the investigation finds the model's verdict in its context, recorded before the event left
        String investigationId = ClassifyThreatService.investigationIdFor(threat);
        assertThat(new InvestigationRecords(contextStore)
                        .snapshot(investigationId)
                        .all(ContextRecords.CLASSIFICATION))
                .singleElement()
                .satisfies(kept -> {
                    assertThat(kept.techniques())
                            .extracting(t -> t.techniqueId())
                            .containsExactly("T1078");
                    assertThat(kept.classifiedBy()).isIn(ModelRouting.CLAUDE_35_HAIKU, ModelRouting.CLAUDE_35_SONNET);
                });
    }
}
