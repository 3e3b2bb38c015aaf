package ai.socagent.ingestion;

import static ai.socagent.ingestion.Validation.OPTIONAL;
import static ai.socagent.ingestion.Validation.REQUIRED;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Indicators;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps a plain threat JSON, as posted to the REST API, to a {@link Finding}.
 *
 * <pre>
 * {
 *   "title": "required, at most 512 characters",
 *   "description": "optional, at most 16 KiB",
 *   "source": "optional: who reports it, at most 256 characters",
 *   "severity": "optional label CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL|INFO (default MEDIUM)",
 *   "id": "optional client id [A-Za-z0-9._:-]{1,128}; makes resubmissions idempotent",
 *   "type": "optional finding type (default PlainThreat)",
 *   "accountId": "optional 12 digits", "region": "optional AWS region",
 *   "firstSeen": "optional RFC 3339", "lastSeen": "optional RFC 3339 (the pair is read in order)",
 *   "resources": [{"type": "EC2_INSTANCE", "id": "i-...", "region": "...", "accountId": "...", "arn": "...",
 *                  "tags": {"k": "v"}}],
 *   "indicators": [{"type": "IPV4", "value": "198.51.100.7"}]
 * }
 * </pre>
 *
 * Indicator values may be defanged ({@code hxxp}, {@code [.]}...); they are refanged and then
 * validated strictly as their declared type. Without an {@code id}, the source finding id is {@code
 * sha256:} plus the SHA-256 of the payload, so an identical resubmission gets the same finding id.
 */
final class PlainThreatParser {

    static final int MAX_TITLE = 512;
    static final int MAX_DESCRIPTION = 16 * 1024;
    static final int MAX_SOURCE = 256;
    static final int MAX_RESOURCES = 100;
    static final int MAX_INDICATORS = 500;
    static final String DEFAULT_TYPE = "PlainThreat";

    static final SchemaPattern CLIENT_ID = SchemaPattern.whole("[A-Za-z0-9._:-]{1,128}");

    private static final List<String> RESOURCE_TYPES =
            Arrays.stream(ResourceType.values()).map(Enum::name).toList();
    private static final List<String> INDICATOR_TYPES =
            Arrays.stream(IndicatorType.values()).map(Enum::name).toList();
    static final List<String> SEVERITY_LABELS = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "INFO");

    private PlainThreatParser() {}

    static Optional<Finding> parse(JsonNode node, String rawPayload, Instant receivedAt, Validation v) {
        String path = JsonPaths.ROOT;
        int before = v.count();
        Optional<String> title = v.string(node, "title", path, REQUIRED, MAX_TITLE);
        Optional<String> description = v.string(node, "description", path, OPTIONAL, MAX_DESCRIPTION);
        v.string(node, "source", path, OPTIONAL, MAX_SOURCE);
        Optional<String> severityLabel = v.string(node, "severity", path, OPTIONAL);
        Optional<Severity> severity = severityLabel.flatMap(Severity::tryParseLabel);
        if (severityLabel.isPresent() && severity.isEmpty()) {
            v.add(
                    JsonPaths.child(path, "severity"),
                    Violation.ENUM,
                    "must be one of " + SEVERITY_LABELS + " (any case) but was "
                            + Validation.show(severityLabel.get()));
        }
        Optional<String> clientId = v.matching(node, "id", path, OPTIONAL, CLIENT_ID, "1-128 of [A-Za-z0-9._:-]");
        Optional<String> type = v.string(node, "type", path, OPTIONAL, 256);
        Optional<String> accountId =
                v.matching(node, "accountId", path, OPTIONAL, AwsSyntax.ACCOUNT_ID, AwsSyntax.ACCOUNT_ID_DESCRIPTION);
        Optional<String> region =
                v.matching(node, "region", path, OPTIONAL, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION);
        Optional<Instant> seenFirst = v.timestamp(node, "firstSeen", path, OPTIONAL);
        Optional<Instant> seenLast = v.timestamp(node, "lastSeen", path, OPTIONAL);
        // A pair in the wrong order is read in the right one: no JSON Schema can say "not before",
        // and the document (FindingSchemas) declares every schema-valid finding accepted.
        boolean both = seenFirst.isPresent() && seenLast.isPresent();
        Optional<Instant> firstSeen = both ? Validation.earlier(seenFirst, seenLast) : seenFirst;
        Optional<Instant> lastSeen = both ? Validation.later(seenFirst, seenLast) : seenLast;
        List<Resource> resources = resources(node, path, accountId, region, v);
        List<Indicator> indicators = indicators(node, path, v);
        if (v.count() > before) {
            return Optional.empty();
        }
        Instant first = firstSeen.or(() -> lastSeen).orElse(receivedAt);
        Instant last = lastSeen.orElse(first.isAfter(receivedAt) ? first : receivedAt);
        Severity resolvedSeverity = severity.orElse(Severity.MEDIUM);
        return Optional.of(Finding.builder()
                .format(FindingFormat.PLAIN_THREAT)
                .sourceFindingId(clientId.orElseGet(() -> "sha256:" + sha256(rawPayload)))
                .findingType(type.orElse(DEFAULT_TYPE))
                .title(title.orElseThrow())
                .description(description.orElse(""))
                .severity(resolvedSeverity)
                .sourceSeverityScore(resolvedSeverity.level())
                .accountId(accountId
                        .or(() -> resources.stream()
                                .flatMap(r -> r.accountId().stream())
                                .findFirst())
                        .orElse(null))
                .region(region.or(() -> resources.stream()
                                .flatMap(r -> r.region().stream())
                                .findFirst())
                        .orElse(null))
                .firstSeen(first)
                .lastSeen(last)
                .resources(resources)
                .indicators(indicators)
                .rawPayload(rawPayload)
                .receivedAt(receivedAt)
                .build());
    }

    private static List<Resource> resources(
            JsonNode node, String path, Optional<String> accountId, Optional<String> region, Validation v) {
        List<Resource> resources = new ArrayList<>();
        String resourcesPath = JsonPaths.child(path, "resources");
        Optional<JsonNode> array = v.array(node, "resources", path, OPTIONAL, MAX_RESOURCES);
        if (array.isEmpty()) {
            return resources;
        }
        for (int i = 0; i < array.get().size(); i++) {
            String resourcePath = JsonPaths.index(resourcesPath, i);
            Optional<JsonNode> resource = v.objectElement(array.get(), i, resourcesPath);
            if (resource.isEmpty()) {
                continue;
            }
            Optional<String> typeName = v.string(resource.get(), "type", resourcePath, REQUIRED);
            Optional<ResourceType> type = typeName.flatMap(PlainThreatParser::resourceType);
            if (typeName.isPresent() && type.isEmpty()) {
                v.add(
                        JsonPaths.child(resourcePath, "type"),
                        Violation.ENUM,
                        "must be one of " + RESOURCE_TYPES + " but was " + Validation.show(typeName.get()));
            }
            Optional<String> id = v.string(resource.get(), "id", resourcePath, REQUIRED, 2048);
            Optional<String> resourceRegion = v.matching(
                    resource.get(), "region", resourcePath, OPTIONAL, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION);
            Optional<String> resourceAccount = v.matching(
                    resource.get(),
                    "accountId",
                    resourcePath,
                    OPTIONAL,
                    AwsSyntax.ACCOUNT_ID,
                    AwsSyntax.ACCOUNT_ID_DESCRIPTION);
            Optional<String> arn = v.string(resource.get(), "arn", resourcePath, OPTIONAL);
            if (arn.isPresent() && AwsSyntax.arn(arn.get()).isEmpty()) {
                v.add(
                        JsonPaths.child(resourcePath, "arn"),
                        Violation.PATTERN,
                        "must be arn:partition:service:region:account:resource but was " + Validation.show(arn.get()));
            }
            Map<String, String> tags = v.objectTags(resource.get(), "tags", resourcePath);
            if (type.isPresent() && id.isPresent()) {
                resources.add(Resource.of(
                        type.get(),
                        id.get(),
                        arn.orElse(null),
                        resourceRegion.or(() -> region).orElse(null),
                        resourceAccount.or(() -> accountId).orElse(null),
                        tags,
                        Map.of()));
            }
        }
        return resources;
    }

    private static List<Indicator> indicators(JsonNode node, String path, Validation v) {
        Set<Indicator> indicators = new LinkedHashSet<>();
        String indicatorsPath = JsonPaths.child(path, "indicators");
        Optional<JsonNode> array = v.array(node, "indicators", path, OPTIONAL, MAX_INDICATORS);
        if (array.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < array.get().size(); i++) {
            String indicatorPath = JsonPaths.index(indicatorsPath, i);
            Optional<JsonNode> indicator = v.objectElement(array.get(), i, indicatorsPath);
            if (indicator.isEmpty()) {
                continue;
            }
            Optional<String> typeName = v.string(indicator.get(), "type", indicatorPath, REQUIRED);
            Optional<IndicatorType> type = typeName.flatMap(PlainThreatParser::indicatorType);
            if (typeName.isPresent() && type.isEmpty()) {
                v.add(
                        JsonPaths.child(indicatorPath, "type"),
                        Violation.ENUM,
                        "must be one of " + INDICATOR_TYPES + " but was " + Validation.show(typeName.get()));
            }
            Optional<String> value = v.string(indicator.get(), "value", indicatorPath, REQUIRED, 4096);
            if (type.isPresent() && value.isPresent()) {
                try {
                    indicators.add(Indicator.of(type.get(), Indicators.refang(value.get())));
                } catch (IllegalArgumentException e) {
                    v.add(JsonPaths.child(indicatorPath, "value"), Violation.PATTERN, e.getMessage());
                }
            }
        }
        return List.copyOf(indicators);
    }

    private static Optional<ResourceType> resourceType(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(ResourceType.values())
                .filter(t -> t.name().equals(key))
                .findFirst();
    }

    private static Optional<IndicatorType> indicatorType(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(IndicatorType.values())
                .filter(t -> t.name().equals(key))
                .findFirst();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
