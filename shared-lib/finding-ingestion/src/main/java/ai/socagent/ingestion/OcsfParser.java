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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps an OCSF Detection Finding (class_uid 2004, category_uid 2 Findings) to a {@link Finding}.
 *
 * <p>Severity: severity_id 1-6 map through {@link Severity#fromOcsfSeverityId(int)}; for 0 Unknown
 * and 99 Other the {@code severity} caption is used when it is a known label, otherwise MEDIUM (the
 * classifier re-assesses every threat anyway).
 */
final class OcsfParser {

    static final long DETECTION_FINDING_CLASS = 2004;
    static final long FINDINGS_CATEGORY = 2;

    static final List<Long> ACTIVITY_IDS = List.of(0L, 1L, 2L, 3L, 99L);
    static final List<Long> SEVERITY_IDS = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 99L);

    /** Largest epoch-millisecond time accepted: 9999-12-31T23:59:59.999Z. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private static final Set<IndicatorType> IP_ADDRESSES = EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6);
    private static final Set<IndicatorType> HASHES =
            EnumSet.of(IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.SHA256);

    /** OCSF observable type_ids we take indicators from. */
    private static final long HOSTNAME = 1;

    static final long IP_ADDRESS = 2;
    static final long EMAIL_ADDRESS = 5;
    static final long URL_STRING = 6;
    private static final long HASH = 8;
    private static final long RESOURCE_UID = 10;

    private OcsfParser() {}

    static Optional<Finding> parse(JsonNode node, String rawPayload, Instant receivedAt, Validation v) {
        String path = JsonPaths.ROOT;
        int before = v.count();
        v.integerOneOf(node, "class_uid", path, REQUIRED, List.of(DETECTION_FINDING_CLASS));
        v.integerOneOf(node, "category_uid", path, REQUIRED, List.of(FINDINGS_CATEGORY));
        OptionalLong activityId = v.integerOneOf(node, "activity_id", path, REQUIRED, ACTIVITY_IDS);
        OptionalLong typeUid = v.integer(node, "type_uid", path, OPTIONAL, 0, Long.MAX_VALUE);
        if (activityId.isPresent()
                && typeUid.isPresent()
                && typeUid.getAsLong() != DETECTION_FINDING_CLASS * 100 + activityId.getAsLong()) {
            v.add(
                    JsonPaths.child(path, "type_uid"),
                    Violation.RANGE,
                    "must be class_uid * 100 + activity_id = "
                            + (DETECTION_FINDING_CLASS * 100 + activityId.getAsLong()) + " but was "
                            + typeUid.getAsLong());
        }
        OptionalLong severityId = v.integerOneOf(node, "severity_id", path, REQUIRED, SEVERITY_IDS);
        Optional<String> severityCaption = v.string(node, "severity", path, OPTIONAL);
        Optional<String> message = v.string(node, "message", path, OPTIONAL);
        OptionalLong time = v.integer(node, "time", path, REQUIRED, 0, MAX_EPOCH_MILLIS);

        String infoPath = JsonPaths.child(path, "finding_info");
        Optional<JsonNode> info = v.object(node, "finding_info", path, REQUIRED);
        Optional<String> uid = Optional.empty();
        Optional<String> title = Optional.empty();
        Optional<String> desc = Optional.empty();
        Optional<String> firstType = Optional.empty();
        OptionalLong firstSeenMillis = OptionalLong.empty();
        OptionalLong lastSeenMillis = OptionalLong.empty();
        if (info.isPresent()) {
            uid = v.string(info.get(), "uid", infoPath, REQUIRED, 512);
            title = v.string(info.get(), "title", infoPath, REQUIRED);
            desc = v.string(info.get(), "desc", infoPath, OPTIONAL);
            String typesPath = JsonPaths.child(infoPath, "types");
            Optional<JsonNode> types = v.array(info.get(), "types", infoPath, OPTIONAL, 50);
            if (types.isPresent()) {
                for (int i = 0; i < types.get().size(); i++) {
                    Optional<String> type = v.stringElement(types.get(), i, typesPath, 512);
                    if (firstType.isEmpty()) {
                        firstType = type;
                    }
                }
            }
            firstSeenMillis = v.integer(info.get(), "first_seen_time", infoPath, OPTIONAL, 0, MAX_EPOCH_MILLIS);
            lastSeenMillis = v.integer(info.get(), "last_seen_time", infoPath, OPTIONAL, 0, MAX_EPOCH_MILLIS);
            v.integer(info.get(), "created_time", infoPath, OPTIONAL, 0, MAX_EPOCH_MILLIS);
        }
        String metadataPath = JsonPaths.child(path, "metadata");
        v.object(node, "metadata", path, REQUIRED).ifPresent(metadata -> {
            v.string(metadata, "version", metadataPath, REQUIRED);
            v.object(metadata, "product", metadataPath, OPTIONAL);
        });

        String cloudPath = JsonPaths.child(path, "cloud");
        Optional<JsonNode> cloud = v.object(node, "cloud", path, OPTIONAL);
        boolean aws = cloud.flatMap(c -> v.string(c, "provider", cloudPath, OPTIONAL))
                .map(provider -> provider.toUpperCase(Locale.ROOT).equals("AWS"))
                .orElse(true);
        Optional<String> accountId = cloud.flatMap(c -> v.object(c, "account", cloudPath, OPTIONAL))
                .flatMap(account -> aws
                        ? v.matching(
                                account,
                                "uid",
                                JsonPaths.child(cloudPath, "account"),
                                OPTIONAL,
                                AwsSyntax.ACCOUNT_ID,
                                AwsSyntax.ACCOUNT_ID_DESCRIPTION)
                        : v.string(account, "uid", JsonPaths.child(cloudPath, "account"), OPTIONAL));
        Optional<String> region = cloud.flatMap(c -> aws
                ? v.matching(c, "region", cloudPath, OPTIONAL, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION)
                : v.string(c, "region", cloudPath, OPTIONAL));

        Set<Indicator> indicators = new LinkedHashSet<>();
        List<Resource> resources = resources(node, path, aws, accountId.orElse(null), region, indicators, v);
        observables(node, path, indicators, v);
        evidences(node, path, indicators);

        Optional<Instant> firstSeen = Optional.empty();
        Optional<Instant> lastSeen = Optional.empty();
        if (time.isPresent()) {
            Instant eventTime = Instant.ofEpochMilli(time.getAsLong());
            Instant first = firstSeenMillis.isPresent() ? Instant.ofEpochMilli(firstSeenMillis.getAsLong()) : null;
            Instant last = lastSeenMillis.isPresent() ? Instant.ofEpochMilli(lastSeenMillis.getAsLong()) : null;
            // A pair in the wrong order is read in the right one: no JSON Schema can say "not before",
            // and the document (FindingSchemas) declares every schema-valid finding accepted.
            if (first != null && last != null && last.isBefore(first)) {
                Instant swapped = first;
                first = last;
                last = swapped;
            }
            Instant resolvedLast = last != null ? last : max(eventTime, first);
            Instant resolvedFirst = first != null ? first : min(eventTime, resolvedLast);
            firstSeen = Optional.of(resolvedFirst);
            lastSeen = Optional.of(resolvedLast);
        }
        if (v.count() > before) {
            return Optional.empty();
        }
        Optional<Severity> mapped = Severity.fromOcsfSeverityId((int) severityId.getAsLong());
        Severity severity = mapped.or(() -> severityCaption.flatMap(Severity::tryParseLabel))
                .orElse(Severity.MEDIUM);
        return Optional.of(Finding.builder()
                .format(FindingFormat.OCSF_DETECTION_FINDING)
                .sourceFindingId(uid.orElseThrow())
                .findingType(firstType.orElse(title.orElseThrow()))
                .title(title.orElseThrow())
                .description(desc.or(() -> message).orElse(""))
                .severity(severity)
                .sourceSeverityScore(severityId.getAsLong())
                .accountId(accountId.orElse(null))
                .region(region.or(() -> resources.stream()
                                .flatMap(r -> r.region().stream())
                                .findFirst())
                        .orElse(null))
                .firstSeen(firstSeen.orElseThrow())
                .lastSeen(lastSeen.orElseThrow())
                .resources(resources)
                .indicators(List.copyOf(indicators))
                .rawPayload(rawPayload)
                .receivedAt(receivedAt)
                .build());
    }

    private static List<Resource> resources(
            JsonNode node,
            String path,
            boolean aws,
            String accountId,
            Optional<String> findingRegion,
            Set<Indicator> indicators,
            Validation v) {
        List<Resource> resources = new ArrayList<>();
        String resourcesPath = JsonPaths.child(path, "resources");
        Optional<JsonNode> array = v.array(node, "resources", path, OPTIONAL, 100);
        if (array.isEmpty()) {
            return resources;
        }
        for (int i = 0; i < array.get().size(); i++) {
            String resourcePath = JsonPaths.index(resourcesPath, i);
            Optional<JsonNode> resource = v.objectElement(array.get(), i, resourcesPath);
            if (resource.isEmpty()) {
                continue;
            }
            Optional<String> typeName = v.string(resource.get(), "type", resourcePath, OPTIONAL, 256);
            Optional<String> uid = v.string(resource.get(), "uid", resourcePath, OPTIONAL, 2048);
            Optional<String> name = v.string(resource.get(), "name", resourcePath, OPTIONAL, 2048);
            Optional<String> region = aws
                    ? v.matching(
                            resource.get(),
                            "region",
                            resourcePath,
                            OPTIONAL,
                            AwsSyntax.REGION,
                            AwsSyntax.REGION_DESCRIPTION)
                    : v.string(resource.get(), "region", resourcePath, OPTIONAL);
            Map<String, String> tags =
                    new LinkedHashMap<>(v.keyValueTags(resource.get(), "tags", resourcePath, "name", "value"));
            String labelsPath = JsonPaths.child(resourcePath, "labels");
            v.array(resource.get(), "labels", resourcePath, OPTIONAL, 1000).ifPresent(labels -> {
                for (int j = 0; j < labels.size(); j++) {
                    v.stringElement(labels, j, labelsPath, 1024).ifPresent(label -> {
                        int separator = indexOfSeparator(label);
                        if (separator > 0) {
                            tags.putIfAbsent(label.substring(0, separator), label.substring(separator + 1));
                        } else {
                            tags.putIfAbsent(label, "");
                        }
                    });
                }
            });
            if (uid.isEmpty() && name.isEmpty()) {
                if (Validation.value(resource.get(), "uid") == null
                        && Validation.value(resource.get(), "name") == null) {
                    v.add(JsonPaths.child(resourcePath, "uid"), Violation.REQUIRED, "is required when name is absent");
                }
                continue;
            }
            ResourceType type = typeName.map(AwsSyntax::resourceType).orElse(ResourceType.OTHER);
            Map<String, String> facts = new LinkedHashMap<>();
            typeName.filter(t -> type == ResourceType.OTHER).ifPresent(t -> facts.put("resourceType", t));
            name.ifPresent(n -> facts.put("name", n));
            Optional<Indicator> arn = uid.flatMap(AwsSyntax::arn);
            arn.ifPresent(indicators::add);
            String id = arn.map(a -> AwsSyntax.shortId(type, a.value()))
                    .or(() -> uid.flatMap(AwsSyntax::accessKeyFromResourceId))
                    .or(() -> uid)
                    .orElseGet(name::orElseThrow);
            if (type == ResourceType.IAM_ACCESS_KEY) {
                AwsSyntax.accessKeyId(id).ifPresent(indicators::add);
            }
            resources.add(Resource.of(
                    type,
                    id,
                    arn.map(Indicator::value).orElse(null),
                    region.or(() -> arn.flatMap(a -> AwsSyntax.arnRegion(a.value())))
                            .or(() -> findingRegion)
                            .orElse(null),
                    arn.flatMap(a -> AwsSyntax.arnAccount(a.value())).orElse(accountId),
                    tags,
                    facts));
        }
        return resources;
    }

    private static int indexOfSeparator(String label) {
        int colon = label.indexOf(':');
        int equals = label.indexOf('=');
        if (colon < 0) {
            return equals;
        }
        return equals < 0 ? colon : Math.min(colon, equals);
    }

    private static void observables(JsonNode node, String path, Set<Indicator> indicators, Validation v) {
        String observablesPath = JsonPaths.child(path, "observables");
        Optional<JsonNode> array = v.array(node, "observables", path, OPTIONAL, 1000);
        if (array.isEmpty()) {
            return;
        }
        for (int i = 0; i < array.get().size(); i++) {
            String observablePath = JsonPaths.index(observablesPath, i);
            Optional<JsonNode> observable = v.objectElement(array.get(), i, observablesPath);
            if (observable.isEmpty()) {
                continue;
            }
            OptionalLong typeId = v.integer(observable.get(), "type_id", observablePath, REQUIRED, 0, 99);
            Optional<String> value = v.string(observable.get(), "value", observablePath, OPTIONAL);
            if (typeId.isEmpty() || value.isEmpty()) {
                continue;
            }
            long type = typeId.getAsLong();
            String valuePath = JsonPaths.child(observablePath, "value");
            if (type == IP_ADDRESS) {
                Optional<Indicator> ip = IndicatorExtractor.value(value.get(), IP_ADDRESSES);
                if (ip.isPresent()) {
                    indicators.add(ip.get());
                } else {
                    v.add(
                            valuePath,
                            Violation.PATTERN,
                            "must be an IPv4 or IPv6 address for type_id 2 (IP Address)" + " but was "
                                    + Validation.show(value.get()));
                }
            } else if (type == EMAIL_ADDRESS) {
                v.indicator(observable.get(), "value", observablePath, IndicatorType.EMAIL)
                        .ifPresent(indicators::add);
            } else if (type == URL_STRING) {
                v.indicator(observable.get(), "value", observablePath, IndicatorType.URL)
                        .ifPresent(indicators::add);
            } else if (type == HASH) {
                IndicatorExtractor.value(value.get(), HASHES).ifPresent(indicators::add);
            } else if (type == HOSTNAME) {
                // Host names need not be fully qualified ("web01"); only FQDNs are domain indicators.
                optional(IndicatorType.DOMAIN, value.get()).ifPresent(indicators::add);
            } else if (type == RESOURCE_UID) {
                AwsSyntax.arn(value.get()).ifPresent(indicators::add);
            }
        }
    }

    /** Endpoint IPs and DNS query names of the evidences, taken when valid (they are context, not claims). */
    private static void evidences(JsonNode node, String path, Set<Indicator> indicators) {
        JsonNode evidences = Validation.value(node, "evidences");
        if (evidences == null || !evidences.isArray()) {
            return;
        }
        for (JsonNode evidence : evidences) {
            for (String endpoint : List.of("src_endpoint", "dst_endpoint")) {
                JsonNode ip = Validation.value(Validation.value(evidence, endpoint), "ip");
                if (ip != null && ip.isString()) {
                    IndicatorExtractor.value(ip.stringValue(), IP_ADDRESSES).ifPresent(indicators::add);
                }
            }
            JsonNode hostname = Validation.value(Validation.value(evidence, "query"), "hostname");
            if (hostname != null && hostname.isString()) {
                optional(IndicatorType.DOMAIN, hostname.stringValue()).ifPresent(indicators::add);
            }
        }
    }

    private static Optional<Indicator> optional(IndicatorType type, String value) {
        try {
            return Optional.of(Indicator.of(type, value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
