package ai.socagent.services.threatclassifier.application;

import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionResult;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a threat through the model port and opens the investigation: its id is derived from
 * the threat id, so a redelivered threat lands in the same investigation.
 *
 * <p>The offline engine ({@link OfflineThreatClassifier}) runs first: its severity is the one the
 * model may raise but never lower (the port's severity-floor policy), and its classification is the
 * answer whenever the port answers offline (offline mode, or a fallback: budget, throttling, errors,
 * invalid output). A model answer is parsed back into a {@link Classification} whose {@code
 * classifiedBy} is the model id; an offline answer keeps {@link OfflineThreatClassifier#CLASSIFIED_BY}.
 *
 * <p>The verdict is kept ({@link ClassificationContextPort}) before its events are published ({@link
 * ClassificationEventsPort}), so the agents they reach find the context already there; both are the
 * use case's effects, whichever edge called it.
 */
public final class ClassifyThreatService implements ClassifyThreatUseCase {

    /**
     * What the classification of one threat produced.
     *
     * @param events {@code Threat Classification Complete}, preceded by {@code Emergency Threat
     *     Detected} when CRITICAL
     * @param classification the verdict
     * @param producedBy the model id, or {@link ModelAnswer#OFFLINE_ENGINE}
     * @param fallbackReason why the offline engine answered; empty when a model did
     */
    public record Outcome(
            List<DomainEvent> events,
            Classification classification,
            String producedBy,
            Optional<String> fallbackReason) {
        public Outcome {
            events = List.copyOf(events);
            Objects.requireNonNull(classification, "classification");
            Objects.requireNonNull(producedBy, "producedBy");
            Objects.requireNonNull(fallbackReason, "fallbackReason");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClassifyThreatService.class);

    private final ModelPort model;
    private final OfflineThreatClassifier classifier;
    private final AttackKnowledge knowledge;
    private final Clock clock;
    private final ClassificationContextPort context;
    private final ClassificationEventsPort events;
    private final FindingIngestion ingestion;

    /** Offline only, keeping no context and publishing nothing: for exercising the classification on its own. */
    public ClassifyThreatService(OfflineThreatClassifier classifier, Clock clock) {
        this(new OfflineModelPort(Metrics.globalRegistry), classifier, AttackKnowledge.embedded(), clock);
    }

    /** Keeping no context and publishing nothing: for exercising the classification on its own. */
    public ClassifyThreatService(
            ModelPort model, OfflineThreatClassifier classifier, AttackKnowledge knowledge, Clock clock) {
        this(
                model,
                classifier,
                knowledge,
                clock,
                new ClassificationContextPort() {
                    @Override
                    public Threat recordArrival(Threat threat, String rawPayload) {
                        return threat;
                    }

                    @Override
                    public void record(
                            Threat threat,
                            String investigationId,
                            Classification classification,
                            String producedBy,
                            Optional<String> fallbackReason,
                            Instant classifiedAt) {}
                },
                events -> {},
                FindingIngestion.withDefaults());
    }

    public ClassifyThreatService(
            ModelPort model,
            OfflineThreatClassifier classifier,
            AttackKnowledge knowledge,
            Clock clock,
            ClassificationContextPort context,
            ClassificationEventsPort events,
            FindingIngestion ingestion) {
        this.model = Objects.requireNonNull(model, "model");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.context = Objects.requireNonNull(context, "context");
        this.events = Objects.requireNonNull(events, "events");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
    }

    @Override
    public List<DomainEvent> classify(Threat threat) {
        return classifyWithOutcome(threat).events();
    }

    @Override
    public List<DomainEvent> classifyAwsEvent(String eventJson) {
        // A raw AWS event starts its own correlation: nothing upstream of it exists.
        String correlationId = Preconditions.newId();
        List<DomainEvent> published = new ArrayList<>();
        IngestionResult ingested = ingestion.ingest(eventJson, clock.instant());
        for (Finding finding : ingested.findings()) {
            // the first arrival stands: a redelivered event classifies the threat as first kept
            Threat threat = context.recordArrival(
                    Threat.forFinding(finding, correlationId, clock.instant()), ingested.rawPayloadOf(finding));
            published.addAll(classify(threat));
        }
        return published;
    }

    /** As {@link #classify(Threat)}, saying which engine answered and why the offline one did. */
    public Outcome classifyWithOutcome(Threat threat) {
        String investigationId = investigationIdFor(threat);
        Classification offline = classifier.classify(threat.finding());
        ModelRequest request = new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                investigationId,
                ClassificationJson.input(threat.finding()),
                ClassificationJson.schema(),
                offline.severity());
        ModelAnswer answer = model.answer(request, ignored -> ClassificationJson.output(offline));
        Instant now = clock.instant();
        Classification classification = offline;
        String producedBy = answer.producedBy();
        Optional<String> fallbackReason = answer.fallbackReason();
        if (!answer.isFallback()) {
            try {
                classification = ClassificationJson.parse(answer.output(), answer.producedBy(), now, knowledge);
            } catch (IllegalArgumentException e) {
                // schema-valid but not a domain classification (a blank technique name, say)
                producedBy = ModelAnswer.OFFLINE_ENGINE;
                fallbackReason = Optional.of("the model's answer is not a valid classification (" + e.getMessage()
                        + "); answered by the offline engine");
                LOG.warn(
                        "ThreatClassifier falls back to the offline engine for session {}: {}",
                        investigationId,
                        fallbackReason.get());
            }
        }
        if (fallbackReason.isPresent()) {
            // the verdict says itself why no model gave it (offline mode, budget spent, model down...)
            classification = classification.withFallbackReason(fallbackReason.get());
        }
        // Kept before the events leave, so the agents they reach find the context already there.
        context.record(threat, investigationId, classification, producedBy, fallbackReason, now);
        List<DomainEvent> outcome = new ArrayList<>(2);
        if (classification.severity() == Severity.CRITICAL) {
            outcome.add(EmergencyThreatDetected.of(
                    threat.correlationId(),
                    now,
                    threat.threatId(),
                    investigationId,
                    classification,
                    "Classified CRITICAL: " + threat.finding().title()));
        }
        outcome.add(ThreatClassificationComplete.of(
                threat.correlationId(), now, threat.threatId(), investigationId, classification));
        events.publish(outcome);
        return new Outcome(outcome, classification, producedBy, fallbackReason);
    }

    /** The threat's investigation: one per threat ({@link Investigation#idForThreat}). */
    public static String investigationIdFor(Threat threat) {
        return Investigation.idForThreat(threat.threatId());
    }
}
