package ai.socagent.services.threatclassifier.application;

import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TacticAssignment;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Tactic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ThreatClassifier's model contract: the input built from a finding (every field of which is
 * untrusted), the output schema, the offline classification rendered in that schema, and an
 * answer parsed back into the domain {@link Classification}.
 */
public final class ClassificationJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SCHEMA =
            load("/ai/socagent/services/threatclassifier/prompt/threat-classification.schema.json");
    private static final int MAX_RATIONALE = 2000;

    private ClassificationJson() {}

    /** The JSON schema a ThreatClassifier answer must satisfy. */
    public static JsonNode schema() {
        return SCHEMA;
    }

    /** The model input for a finding: the fields the classifier reasons over, all untrusted. */
    public static ObjectNode input(Finding finding) {
        ObjectNode input = JSON.createObjectNode();
        input.put("source", finding.source().name());
        input.put("findingType", finding.findingType());
        input.put("title", finding.title());
        input.put("description", finding.description());
        input.put("sourceSeverity", finding.severity().name());
        input.put("sourceSeverityScore", finding.sourceSeverityScore());
        ArrayNode resources = input.putArray("resources");
        for (Resource resource : finding.resources()) {
            ObjectNode node = resources.addObject();
            node.put("type", resource.type().name());
            node.put("id", resource.id());
            node.set("tags", JSON.valueToTree(resource.tags()));
            node.set("details", JSON.valueToTree(resource.details()));
        }
        ArrayNode indicators = input.putArray("indicators");
        for (Indicator indicator : finding.indicators()) {
            indicators.addObject().put("type", indicator.type().name()).put("value", indicator.value());
        }
        return input;
    }

    /**
     * The ThreatClassifier's rule for model answers: a model may raise the severity known so far
     * ({@link ModelRequest#severity()}, from the source and the severity scorer) but never lower it;
     * only the deterministic scorer or an analyst may.
     */
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

    /** A classification in the output schema. */
    public static ObjectNode output(Classification classification) {
        ObjectNode output = JSON.createObjectNode();
        output.put("category", classification.category().name());
        output.put("severity", classification.severity().name());
        output.put("confidence", classification.confidence());
        ArrayNode techniques = output.putArray("techniques");
        StringBuilder rationale = new StringBuilder();
        for (TechniqueAssignment technique :
                classification.techniques().stream().limit(10).toList()) {
            techniques.addObject().put("id", technique.techniqueId()).put("name", technique.name());
            rationale
                    .append(technique.techniqueId())
                    .append(": ")
                    .append(technique.rationale())
                    .append(' ');
        }
        ArrayNode tactics = output.putArray("tactics");
        classification.tactics().stream()
                .limit(14)
                .map(TacticAssignment::tacticId)
                .forEach(tactics::add);
        String text = rationale.toString().strip();
        output.put("rationale", text.length() > MAX_RATIONALE ? text.substring(0, MAX_RATIONALE) : text);
        return output;
    }

    /**
     * A schema-valid answer as the domain classification. Tactic names come from {@code knowledge}
     * (the id itself for a tactic it does not know); the answer's rationale becomes the rationale
     * of each technique and tactic.
     *
     * @param output an answer that satisfies {@link #schema()}
     * @param classifiedBy the engine that answered, for example the model id
     * @throws IllegalArgumentException when {@code output} does not satisfy the schema
     */
    public static Classification parse(
            JsonNode output, String classifiedBy, Instant classifiedAt, AttackKnowledge knowledge) {
        try {
            ThreatCategory category =
                    ThreatCategory.valueOf(output.required("category").asString());
            Severity severity = Severity.valueOf(output.required("severity").asString());
            double confidence = output.required("confidence").asDouble();
            String rationale = output.path("rationale").asString("").strip();
            String because = rationale.isEmpty() ? "assigned by " + classifiedBy : rationale;
            List<TechniqueAssignment> techniques = new ArrayList<>();
            for (JsonNode technique : output.required("techniques")) {
                techniques.add(new TechniqueAssignment(
                        technique.required("id").asString(),
                        technique.required("name").asString(),
                        because));
            }
            List<TacticAssignment> tactics = new ArrayList<>();
            for (JsonNode tactic : output.required("tactics")) {
                String id = tactic.asString();
                tactics.add(new TacticAssignment(
                        id, knowledge.tactic(id).map(Tactic::name).orElse(id), because));
            }
            return new Classification(category, severity, confidence, tactics, techniques, classifiedBy, classifiedAt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a ThreatClassifier answer: " + e.getMessage(), e);
        }
    }

    private static JsonNode load(String resource) {
        try (InputStream in = ClassificationJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
