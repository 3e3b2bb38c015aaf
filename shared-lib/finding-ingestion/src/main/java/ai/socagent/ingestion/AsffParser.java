package ai.socagent.ingestion;

import static ai.socagent.ingestion.Validation.OPTIONAL;
import static ai.socagent.ingestion.Validation.REQUIRED;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorExtractor;
import ai.socagent.domain.indicator.IndicatorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Maps one AWS Security Finding Format (ASFF) finding to a {@link Finding}. */
final class AsffParser {

    /** ASFF {@code Types}: namespace[/category[/classifier]]. */
    static final SchemaPattern FINDING_TYPE = SchemaPattern.whole("[^/]+(/[^/]+){0,2}");

    static final List<String> LABELS = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    static final Map<String, IndicatorType> INTEL_TYPES = Map.of(
            "IPV4_ADDRESS", IndicatorType.IPV4,
            "IPV6_ADDRESS", IndicatorType.IPV6,
            "DOMAIN", IndicatorType.DOMAIN,
            "URL", IndicatorType.URL,
            "EMAIL_ADDRESS", IndicatorType.EMAIL,
            "HASH_MD5", IndicatorType.MD5,
            "HASH_SHA1", IndicatorType.SHA1,
            "HASH_SHA256", IndicatorType.SHA256);

    private static final Set<IndicatorType> ANY_TYPE = EnumSet.allOf(IndicatorType.class);

    /** ThreatIntelIndicators types ASFF defines but we have no indicator type for. */
    static final List<String> UNMAPPED_INTEL_TYPES = List.of("HASH_SHA512", "MUTEX", "PROCESS");

    /** The most Resources an ASFF finding may list. */
    static final int MAX_RESOURCES = 32;

    private AsffParser() {}

    static Optional<Finding> parse(
            JsonNode node, String path, FindingFormat format, String rawPayload, Instant receivedAt, Validation v) {
        int before = v.count();
        v.string(node, "SchemaVersion", path, REQUIRED);
        Optional<String> id = v.string(node, "Id", path, REQUIRED, 512);
        Optional<String> productArn = v.string(node, "ProductArn", path, REQUIRED);
        if (productArn.isPresent() && AwsSyntax.arn(productArn.get()).isEmpty()) {
            v.add(
                    JsonPaths.child(path, "ProductArn"),
                    Violation.PATTERN,
                    "must be an ARN but was " + Validation.show(productArn.get()));
        }
        v.string(node, "GeneratorId", path, REQUIRED, 512);
        Optional<String> accountId = v.matching(
                node, "AwsAccountId", path, REQUIRED, AwsSyntax.ACCOUNT_ID, AwsSyntax.ACCOUNT_ID_DESCRIPTION);
        Optional<String> topRegion =
                v.matching(node, "Region", path, OPTIONAL, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION);

        List<String> types = new ArrayList<>();
        String typesPath = JsonPaths.child(path, "Types");
        v.array(node, "Types", path, REQUIRED, 50).ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                Optional<String> type = v.stringElement(array, i, typesPath, 256);
                if (type.isPresent() && !FINDING_TYPE.matches(type.get())) {
                    v.add(
                            JsonPaths.index(typesPath, i),
                            Violation.PATTERN,
                            "must be namespace/category/classifier but was " + Validation.show(type.get()));
                } else {
                    type.ifPresent(types::add);
                }
            }
        });

        Optional<Instant> createdAt = v.timestamp(node, "CreatedAt", path, REQUIRED);
        Optional<Instant> updatedAt = v.timestamp(node, "UpdatedAt", path, REQUIRED);
        Optional<Instant> firstObserved = v.timestamp(node, "FirstObservedAt", path, OPTIONAL);
        Optional<Instant> lastObserved = v.timestamp(node, "LastObservedAt", path, OPTIONAL);
        // A pair in the wrong order is read in the right one: no JSON Schema can say "not before",
        // and the document (FindingSchemas) declares every schema-valid finding accepted.
        Optional<Instant> seenFirst = firstObserved.or(() -> createdAt);
        Optional<Instant> seenLast = lastObserved.or(() -> updatedAt);
        Optional<Instant> firstSeen = Validation.earlier(seenFirst, seenLast);
        Optional<Instant> lastSeen = Validation.later(seenFirst, seenLast);

        Optional<Severity> severity = Optional.empty();
        OptionalLong normalized = OptionalLong.empty();
        String severityPath = JsonPaths.child(path, "Severity");
        Optional<JsonNode> severityNode = v.object(node, "Severity", path, REQUIRED);
        if (severityNode.isPresent()) {
            int severityBefore = v.count();
            Optional<String> label = v.oneOf(severityNode.get(), "Label", severityPath, OPTIONAL, LABELS);
            normalized = v.integer(severityNode.get(), "Normalized", severityPath, OPTIONAL, 0, 100);
            severity = label.map(Severity::parseLabel);
            if (severity.isEmpty() && normalized.isPresent()) {
                severity = Optional.of(Severity.fromAsffNormalized((int) normalized.getAsLong()));
            }
            if (severity.isEmpty() && v.count() == severityBefore) {
                v.add(
                        JsonPaths.child(severityPath, "Label"),
                        Violation.REQUIRED,
                        "is required unless Severity.Normalized is given");
            }
        }
        Optional<String> title = v.string(node, "Title", path, REQUIRED);
        Optional<String> description = v.string(node, "Description", path, REQUIRED);

        Set<Indicator> indicators = new LinkedHashSet<>();
        List<Resource> resources = new ArrayList<>();
        String resourcesPath = JsonPaths.child(path, "Resources");
        v.array(node, "Resources", path, REQUIRED, MAX_RESOURCES).ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String resourcePath = JsonPaths.index(resourcesPath, i);
                v.objectElement(array, i, resourcesPath)
                        .flatMap(resource ->
                                resource(resource, resourcePath, accountId.orElse(null), topRegion, indicators, v))
                        .ifPresent(resources::add);
            }
        });
        network(node, path, indicators, v);
        threatIntel(node, path, indicators, v);
        productFields(node, path, indicators, v);

        if (v.count() > before) {
            return Optional.empty();
        }
        Optional<String> region = topRegion
                .or(() -> resources.stream().flatMap(r -> r.region().stream()).findFirst())
                .or(() -> AwsSyntax.arnRegion(productArn.orElseThrow()));
        Severity finalSeverity = severity.orElseThrow();
        return Optional.of(Finding.builder()
                .format(format)
                .sourceFindingId(id.orElseThrow())
                .findingType(types.get(0))
                .title(title.orElseThrow())
                .description(description.orElseThrow())
                .severity(finalSeverity)
                .sourceSeverityScore(normalized.orElse(finalSeverity.asffNormalized()))
                .accountId(accountId.orElseThrow())
                .region(region.orElse(null))
                .firstSeen(firstSeen.orElseThrow())
                .lastSeen(lastSeen.orElseThrow())
                .resources(resources)
                .indicators(List.copyOf(indicators))
                .rawPayload(rawPayload)
                .receivedAt(receivedAt)
                .build());
    }

    private static Optional<Resource> resource(
            JsonNode resource,
            String path,
            String findingAccountId,
            Optional<String> findingRegion,
            Set<Indicator> indicators,
            Validation v) {
        Optional<String> typeName = v.string(resource, "Type", path, REQUIRED, 256);
        Optional<String> id = v.string(resource, "Id", path, REQUIRED, 2048);
        v.oneOf(resource, "Partition", path, OPTIONAL, List.of("aws", "aws-cn", "aws-us-gov"));
        Optional<String> region =
                v.matching(resource, "Region", path, OPTIONAL, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION);
        Map<String, String> tags = v.objectTags(resource, "Tags", path);
        Map<String, String> facts = new LinkedHashMap<>();
        v.object(resource, "Details", path, OPTIONAL)
                .ifPresent(details -> details.properties().forEach(entry -> {
                    if (entry.getValue().isObject()) {
                        scalarFacts(entry.getValue(), facts);
                    }
                }));
        if (typeName.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        ResourceType type = AwsSyntax.resourceType(typeName.get());
        if (type == ResourceType.OTHER) {
            facts.put("resourceType", typeName.get());
        }
        Optional<Indicator> arn = AwsSyntax.arn(id.get());
        arn.ifPresent(indicators::add);
        String shortId = arn.map(a -> AwsSyntax.shortId(type, a.value()))
                .or(() -> AwsSyntax.accessKeyFromResourceId(id.get()))
                .orElse(id.get());
        if (type == ResourceType.IAM_ACCESS_KEY) {
            AwsSyntax.accessKeyId(shortId).ifPresent(indicators::add);
        }
        String accountId = arn.flatMap(a -> AwsSyntax.arnAccount(a.value())).orElse(findingAccountId);
        return Optional.of(Resource.of(
                type,
                shortId,
                arn.map(Indicator::value).orElse(null),
                region.or(() -> arn.flatMap(a -> AwsSyntax.arnRegion(a.value())))
                        .or(() -> findingRegion)
                        .orElse(null),
                accountId,
                tags,
                facts));
    }

    /** Copies the scalar fields (and arrays of scalars) of an ASFF Details.* object. */
    private static void scalarFacts(JsonNode object, Map<String, String> facts) {
        object.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isString() && !value.stringValue().isBlank()) {
                facts.put(entry.getKey(), value.stringValue());
            } else if (value.isNumber() || value.isBoolean()) {
                facts.put(entry.getKey(), value.toString());
            } else if (value.isArray()
                    && !value.isEmpty()
                    && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isString)) {
                facts.put(
                        entry.getKey(),
                        StreamSupport.stream(value.spliterator(), false)
                                .map(JsonNode::stringValue)
                                .collect(Collectors.joining(",")));
            }
        });
    }

    private static void network(JsonNode node, String path, Set<Indicator> indicators, Validation v) {
        String networkPath = JsonPaths.child(path, "Network");
        v.object(node, "Network", path, OPTIONAL).ifPresent(network -> {
            v.indicator(network, "SourceIpV4", networkPath, IndicatorType.IPV4).ifPresent(indicators::add);
            v.indicator(network, "SourceIpV6", networkPath, IndicatorType.IPV6).ifPresent(indicators::add);
            v.indicator(network, "SourceDomain", networkPath, IndicatorType.DOMAIN)
                    .ifPresent(indicators::add);
            v.indicator(network, "DestinationIpV4", networkPath, IndicatorType.IPV4)
                    .ifPresent(indicators::add);
            v.indicator(network, "DestinationIpV6", networkPath, IndicatorType.IPV6)
                    .ifPresent(indicators::add);
            v.indicator(network, "DestinationDomain", networkPath, IndicatorType.DOMAIN)
                    .ifPresent(indicators::add);
        });
    }

    private static void threatIntel(JsonNode node, String path, Set<Indicator> indicators, Validation v) {
        String intelPath = JsonPaths.child(path, "ThreatIntelIndicators");
        List<String> allowed =
                new ArrayList<>(INTEL_TYPES.keySet().stream().sorted().toList());
        allowed.addAll(UNMAPPED_INTEL_TYPES);
        v.array(node, "ThreatIntelIndicators", path, OPTIONAL, 100).ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String itemPath = JsonPaths.index(intelPath, i);
                Optional<JsonNode> item = v.objectElement(array, i, intelPath);
                if (item.isEmpty()) {
                    continue;
                }
                Optional<String> type = v.oneOf(item.get(), "Type", itemPath, OPTIONAL, allowed);
                if (type.isPresent() && INTEL_TYPES.containsKey(type.get())) {
                    Optional<String> value = v.string(item.get(), "Value", itemPath, REQUIRED);
                    if (value.isPresent()) {
                        v.indicator(item.get(), "Value", itemPath, INTEL_TYPES.get(type.get()))
                                .ifPresent(indicators::add);
                    }
                } else if (type.isEmpty() && Validation.value(item.get(), "Type") == null) {
                    v.string(item.get(), "Value", itemPath, OPTIONAL)
                            .flatMap(value -> IndicatorExtractor.value(value, ANY_TYPE))
                            .ifPresent(indicators::add);
                }
            }
        });
    }

    /**
     * GuardDuty and other AWS products copy their native fields into ProductFields; remote IPs and
     * domains found there are indicators too (invalid values are ignored: the field is free-form).
     */
    private static void productFields(JsonNode node, String path, Set<Indicator> indicators, Validation v) {
        v.object(node, "ProductFields", path, OPTIONAL)
                .ifPresent(fields -> fields.properties().forEach(entry -> {
                    if (!entry.getValue().isString()) {
                        return;
                    }
                    String key = entry.getKey();
                    IndicatorType type = key.endsWith("remoteIpDetails/ipAddressV4")
                            ? IndicatorType.IPV4
                            : key.endsWith("dnsRequestAction/domain") ? IndicatorType.DOMAIN : null;
                    if (type != null) {
                        // Free-form product field: a value that is not of its type is no violation.
                        IndicatorExtractor.value(entry.getValue().stringValue(), EnumSet.of(type))
                                .ifPresent(indicators::add);
                    }
                }));
    }
}
