package ai.socagent.ingestion;

import static ai.socagent.ingestion.Validation.REQUIRED;

import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.RawPayloadReference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Entry point of finding ingestion: enforces {@link IngestionLimits}, parses the JSON, detects the
 * format ({@link FindingFormatDetector}), validates and maps every finding to the domain {@link
 * Finding}. A pure function of its input: nothing is stored, and a rejected payload changes
 * nothing. Thread-safe.
 *
 * <p>Batches are all or nothing: if any finding of an ASFF batch or Security Hub event is invalid,
 * the whole payload is rejected with the violations of every finding (paths such as {@code
 * $.detail.findings[3].Resources[0].Type} tell them apart).
 *
 * <p>{@link IngestionResult#rawPayloads()} are the verbatim texts received, one per finding, whose
 * claim check each {@link Finding#rawPayload()} is: the whole payload for a bare finding, an OCSF
 * finding, a plain threat and a GuardDuty EventBridge event (envelope included, since it carries the
 * event id and time); for an ASFF batch or Security Hub event, the exact substring of the payload
 * that holds that one finding. A leading UTF-8 byte order mark is dropped.
 */
public final class FindingIngestion {

    private final IngestionLimits limits;
    private final JsonPayloadReader reader;
    private final Clock clock;

    public FindingIngestion(IngestionLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** With the clock that timestamps {@link #ingest(byte[])} and {@link #ingest(String)}. */
    public FindingIngestion(IngestionLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.reader = new JsonPayloadReader(limits);
    }

    /** An ingestion with {@link IngestionLimits#defaults()} and the UTC system clock. */
    public static FindingIngestion withDefaults() {
        return new FindingIngestion(IngestionLimits.defaults());
    }

    public IngestionLimits limits() {
        return limits;
    }

    /** {@link #ingest(byte[], Instant)} received now. */
    public IngestionResult ingest(byte[] payload) {
        return ingest(payload, clock.instant());
    }

    /** {@link #ingest(String, Instant)} received now. */
    public IngestionResult ingest(String payload) {
        return ingest(payload, clock.instant());
    }

    /**
     * Ingests a payload given as text; its size is measured in UTF-8 bytes.
     *
     * @throws FindingRejectedException listing every violation found
     */
    public IngestionResult ingest(String payload, Instant receivedAt) {
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
        return ingest(reader.encode(payload), receivedAt);
    }

    /**
     * Ingests a UTF-8 JSON payload.
     *
     * @param payload the bytes as received
     * @param receivedAt when they were received; becomes {@link Finding#receivedAt()}
     * @return the detected format and the findings, in payload order
     * @throws FindingRejectedException listing every violation found
     */
    public IngestionResult ingest(byte[] payload, Instant receivedAt) {
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
        String text = reader.decode(payload);
        JsonNode root = reader.parse(text);
        FindingFormat format = FindingFormatDetector.detect(root);
        Validation v = new Validation();
        List<Finding> findings = new ArrayList<>();
        Map<RawPayloadReference, String> batchTexts = new HashMap<>();
        String rootPath = JsonPaths.ROOT;
        switch (format) {
            case GUARDDUTY ->
                GuardDutyParser.parse(root, rootPath, format, text, receivedAt, v)
                        .ifPresent(findings::add);
            case GUARDDUTY_EVENT ->
                v.object(root, "detail", rootPath, REQUIRED)
                        .flatMap(detail -> GuardDutyParser.parse(
                                detail, JsonPaths.child(rootPath, "detail"), format, text, receivedAt, v))
                        .ifPresent(findings::add);
            case ASFF -> {
                if (root.has("Findings")) {
                    asffBatch(
                            root,
                            rootPath,
                            "Findings",
                            List.of("Findings"),
                            text,
                            format,
                            receivedAt,
                            v,
                            findings,
                            batchTexts);
                } else {
                    AsffParser.parse(root, rootPath, format, text, receivedAt, v)
                            .ifPresent(findings::add);
                }
            }
            case ASFF_EVENT ->
                v.object(root, "detail", rootPath, REQUIRED)
                        .ifPresent(detail -> asffBatch(
                                detail,
                                JsonPaths.child(rootPath, "detail"),
                                "findings",
                                List.of("detail", "findings"),
                                text,
                                format,
                                receivedAt,
                                v,
                                findings,
                                batchTexts));
            case OCSF_DETECTION_FINDING ->
                OcsfParser.parse(root, text, receivedAt, v).ifPresent(findings::add);
            case PLAIN_THREAT ->
                PlainThreatParser.parse(root, text, receivedAt, v).ifPresent(findings::add);
        }
        if (!v.isEmpty()) {
            throw new FindingRejectedException(v.violations());
        }
        List<Finding> fitted = new ArrayList<>(findings.size());
        List<String> rawPayloads = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            fitted.add(NormalisedSizeBudget.fit(finding));
            rawPayloads.add(batchTexts.getOrDefault(finding.rawPayload(), text));
        }
        return new IngestionResult(format, fitted, rawPayloads);
    }

    private void asffBatch(
            JsonNode container,
            String containerPath,
            String field,
            List<String> keysFromRoot,
            String text,
            FindingFormat format,
            Instant receivedAt,
            Validation v,
            List<Finding> findings,
            Map<RawPayloadReference, String> batchTexts) {
        Optional<JsonNode> array = v.array(container, field, containerPath, REQUIRED, limits.maxFindingsPerPayload());
        if (array.isEmpty()) {
            return;
        }
        String arrayPath = JsonPaths.child(containerPath, field);
        List<String> texts = reader.arrayElementTexts(text, keysFromRoot);
        for (int i = 0; i < array.get().size(); i++) {
            String raw = i < texts.size() ? texts.get(i) : null;
            String elementPath = JsonPaths.index(arrayPath, i);
            v.objectElement(array.get(), i, arrayPath).ifPresent(element -> {
                String elementText = raw != null ? raw : element.toString();
                AsffParser.parse(element, elementPath, format, elementText, receivedAt, v)
                        .ifPresent(finding -> {
                            findings.add(finding);
                            batchTexts.put(finding.rawPayload(), elementText);
                        });
            });
        }
    }
}
