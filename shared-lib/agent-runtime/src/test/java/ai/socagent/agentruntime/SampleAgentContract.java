package ai.socagent.agentruntime;

import ai.socagent.agentruntime.model.OfflineEngine;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An agent's contract for exercising the shared machinery: a classification-shaped output schema
 * ({@code sample-agent.schema.json}, a copy of the ThreatClassifier's, whose own tests use the
 * original), an input built from a finding, a fixed offline answer and a severity floor. The
 * agent runtime knows no real agent; its tests use this one.
 */
public final class SampleAgentContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SCHEMA = load("/ai/socagent/agentruntime/sample-agent.schema.json");

    /** What the offline engine answers: a valid classification of an SSH brute force. */
    public static final String OFFLINE_ANSWER = """
            {"category":"UNAUTHORIZED_ACCESS","severity":"MEDIUM","confidence":0.9,
             "techniques":[{"id":"T1110","name":"Brute Force"}],"tactics":["TA0006"],
             "rationale":"T1110: CTID GuardDuty mapping lists UnauthorizedAccess:EC2/SSHBruteForce under T1110"}""";

    private SampleAgentContract() {}

    public static JsonNode schema() {
        return SCHEMA;
    }

    /** The model input of a finding: the fields a classifier reasons over, all untrusted. */
    public static ObjectNode input(Finding finding) {
        ObjectNode input = JSON.createObjectNode();
        input.put("source", finding.source().name());
        input.put("findingType", finding.findingType());
        input.put("title", finding.title());
        input.put("description", finding.description());
        input.put("sourceSeverity", finding.severity().name());
        return input;
    }

    /** An offline engine that answers {@link #OFFLINE_ANSWER}. */
    public static OfflineEngine offline() {
        return request -> JSON.readTree(OFFLINE_ANSWER);
    }

    /** A model may raise the known severity, never lower it. */
    public static OutputPolicy severityFloor() {
        return (request, output) -> {
            Severity answered =
                    Severity.tryParseLabel(output.path("severity").asString("")).orElse(Severity.INFORMATIONAL);
            return answered.isAtLeast(request.severity())
                    ? List.of()
                    : List.of("severity " + answered + " is below the known severity " + request.severity()
                            + "; a model may not lower it");
        };
    }

    private static JsonNode load(String resource) {
        try (InputStream in = SampleAgentContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
