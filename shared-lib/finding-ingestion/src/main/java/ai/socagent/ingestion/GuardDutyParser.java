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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Maps a GuardDuty finding (bare, or the {@code detail} of its EventBridge event) to a {@link Finding}. */
final class GuardDutyParser {

    static final SchemaPattern ID = SchemaPattern.whole("[A-Za-z0-9]{1,128}");
    static final SchemaPattern ARN = SchemaPattern.whole(
            "arn:aws[a-z-]*:guardduty:[a-z0-9-]+:[0-9]{12}:detector/[A-Za-z0-9]+/finding/[A-Za-z0-9]+");
    static final SchemaPattern TYPE = SchemaPattern.whole("[A-Za-z]+:[A-Za-z0-9]+/[A-Za-z0-9._!&:-]+");
    static final SchemaPattern PARTITION = SchemaPattern.whole("aws(-[a-z]+)*");

    private GuardDutyParser() {}

    static Optional<Finding> parse(
            JsonNode node, String path, FindingFormat format, String rawPayload, Instant receivedAt, Validation v) {
        int before = v.count();
        v.string(node, "schemaVersion", path, REQUIRED);
        Optional<String> accountId =
                v.matching(node, "accountId", path, REQUIRED, AwsSyntax.ACCOUNT_ID, AwsSyntax.ACCOUNT_ID_DESCRIPTION);
        Optional<String> region =
                v.matching(node, "region", path, REQUIRED, AwsSyntax.REGION, AwsSyntax.REGION_DESCRIPTION);
        String partition = v.matching(node, "partition", path, OPTIONAL, PARTITION, "an AWS partition such as aws")
                .orElse("aws");
        Optional<String> id = v.matching(node, "id", path, REQUIRED, ID, "1-128 letters and digits");
        v.matching(
                node,
                "arn",
                path,
                REQUIRED,
                ARN,
                "a GuardDuty finding ARN (arn:aws:guardduty:<region>:<account>:detector/<id>/finding/<id>)");
        Optional<String> type =
                v.matching(node, "type", path, REQUIRED, TYPE, "a GuardDuty finding type such as Recon:EC2/Portscan");
        Optional<String> title = v.string(node, "title", path, REQUIRED);
        Optional<String> description = v.string(node, "description", path, REQUIRED);
        OptionalDouble score = v.number(node, "severity", path, REQUIRED, 0.0, 10.0);
        Optional<Instant> createdAt = v.timestamp(node, "createdAt", path, REQUIRED);
        Optional<Instant> updatedAt = v.timestamp(node, "updatedAt", path, REQUIRED);

        Set<Indicator> indicators = new LinkedHashSet<>();
        List<Resource> resources = new ArrayList<>();
        String resourcePath = JsonPaths.child(path, "resource");
        v.object(node, "resource", path, REQUIRED)
                .ifPresent(resource -> v.string(resource, "resourceType", resourcePath, REQUIRED)
                        .ifPresent(resourceType -> resources(
                                resourceType,
                                resource,
                                resourcePath,
                                partition,
                                accountId.orElse(null),
                                region.orElse(null),
                                resources,
                                indicators,
                                v)));

        String servicePath = JsonPaths.child(path, "service");
        Optional<JsonNode> service = v.object(node, "service", path, REQUIRED);
        Optional<Instant> eventFirstSeen = Optional.empty();
        Optional<Instant> eventLastSeen = Optional.empty();
        if (service.isPresent()) {
            v.oneOf(service.get(), "serviceName", servicePath, REQUIRED, List.of("guardduty"));
            eventFirstSeen = v.timestamp(service.get(), "eventFirstSeen", servicePath, OPTIONAL);
            eventLastSeen = v.timestamp(service.get(), "eventLastSeen", servicePath, OPTIONAL);
            v.object(service.get(), "action", servicePath, OPTIONAL)
                    .ifPresent(
                            action -> actionIndicators(action, JsonPaths.child(servicePath, "action"), indicators, v));
        }
        // A pair in the wrong order is read in the right one: no JSON Schema can say "not before",
        // and the document (FindingSchemas) declares every schema-valid finding accepted.
        Optional<Instant> seenFirst = eventFirstSeen.or(() -> createdAt);
        Optional<Instant> seenLast = eventLastSeen.or(() -> updatedAt);
        Optional<Instant> firstSeen = Validation.earlier(seenFirst, seenLast);
        Optional<Instant> lastSeen = Validation.later(seenFirst, seenLast);
        if (v.count() > before) {
            return Optional.empty();
        }
        return Optional.of(Finding.builder()
                .format(format)
                .sourceFindingId(id.orElseThrow())
                .findingType(type.orElseThrow())
                .title(title.orElseThrow())
                .description(description.orElseThrow())
                .severity(Severity.fromGuardDutyScore(score.getAsDouble()))
                .sourceSeverityScore(score.getAsDouble())
                .accountId(accountId.orElseThrow())
                .region(region.orElseThrow())
                .firstSeen(firstSeen.orElseThrow())
                .lastSeen(lastSeen.orElseThrow())
                .resources(resources)
                .indicators(List.copyOf(indicators))
                .rawPayload(rawPayload)
                .receivedAt(receivedAt)
                .build());
    }

    private static void resources(
            String resourceType,
            JsonNode resource,
            String path,
            String partition,
            String accountId,
            String region,
            List<Resource> resources,
            Set<Indicator> indicators,
            Validation v) {
        switch (resourceType) {
            case "Instance" ->
                v.object(resource, "instanceDetails", path, REQUIRED)
                        .ifPresent(details -> instance(
                                details,
                                JsonPaths.child(path, "instanceDetails"),
                                partition,
                                accountId,
                                region,
                                resources,
                                indicators,
                                v));
            case "AccessKey" -> {
                // accessKeyDetails is handled below for every resource type.
                if (Validation.value(resource, "accessKeyDetails") == null) {
                    v.add(JsonPaths.child(path, "accessKeyDetails"), Violation.REQUIRED, "is required");
                }
            }
            case "S3Bucket" -> s3Buckets(resource, path, accountId, region, resources, indicators, v);
            case "EKSCluster" ->
                named(
                        resource,
                        path,
                        "eksClusterDetails",
                        "name",
                        "arn",
                        ResourceType.EKS_CLUSTER,
                        accountId,
                        region,
                        resources,
                        indicators,
                        v);
            case "ECSCluster" ->
                named(
                        resource,
                        path,
                        "ecsClusterDetails",
                        "name",
                        "arn",
                        ResourceType.ECS_CLUSTER,
                        accountId,
                        region,
                        resources,
                        indicators,
                        v);
            case "Container" ->
                named(
                        resource,
                        path,
                        "containerDetails",
                        "id",
                        null,
                        ResourceType.CONTAINER,
                        accountId,
                        region,
                        resources,
                        indicators,
                        v);
            case "Lambda" ->
                named(
                        resource,
                        path,
                        "lambdaDetails",
                        "functionName",
                        "functionArn",
                        ResourceType.LAMBDA_FUNCTION,
                        accountId,
                        region,
                        resources,
                        indicators,
                        v);
            case "RDSDBInstance" ->
                named(
                        resource,
                        path,
                        "rdsDbInstanceDetails",
                        "dbInstanceIdentifier",
                        "dbInstanceArn",
                        ResourceType.RDS_DB_INSTANCE,
                        accountId,
                        region,
                        resources,
                        indicators,
                        v);
            default ->
                resources.add(Resource.of(
                        ResourceType.OTHER,
                        resourceType,
                        null,
                        region,
                        accountId,
                        Map.of(),
                        Map.of("resourceType", resourceType)));
        }
        v.object(resource, "accessKeyDetails", path, OPTIONAL)
                .ifPresent(details -> accessKey(
                        details,
                        JsonPaths.child(path, "accessKeyDetails"),
                        partition,
                        accountId,
                        resources,
                        indicators,
                        v));
    }

    private static void instance(
            JsonNode details,
            String path,
            String partition,
            String accountId,
            String region,
            List<Resource> resources,
            Set<Indicator> indicators,
            Validation v) {
        Optional<String> instanceId = v.matching(
                details,
                "instanceId",
                path,
                REQUIRED,
                AwsSyntax.INSTANCE_ID,
                "an EC2 instance id such as i-0abc12345def67890");
        Map<String, String> tags = v.keyValueTags(details, "tags", path, "key", "value");
        Map<String, String> facts = new LinkedHashMap<>();
        for (String field :
                List.of("instanceType", "imageId", "platform", "instanceState", "availabilityZone", "launchTime")) {
            v.string(details, field, path, OPTIONAL).ifPresent(value -> facts.put(field, value));
        }
        v.object(details, "iamInstanceProfile", path, OPTIONAL)
                .ifPresent(profile -> v.string(profile, "arn", JsonPaths.child(path, "iamInstanceProfile"), OPTIONAL)
                        .ifPresent(arn -> {
                            facts.put("iamInstanceProfileArn", arn);
                            AwsSyntax.arn(arn).ifPresent(indicators::add);
                        }));
        String interfacesPath = JsonPaths.child(path, "networkInterfaces");
        v.array(details, "networkInterfaces", path, OPTIONAL, Integer.MAX_VALUE).ifPresent(interfaces -> {
            for (int i = 0; i < interfaces.size(); i++) {
                String interfacePath = JsonPaths.index(interfacesPath, i);
                Optional<JsonNode> networkInterface = v.objectElement(interfaces, i, interfacesPath);
                if (networkInterface.isEmpty()) {
                    continue;
                }
                Optional<Indicator> privateIp =
                        v.indicator(networkInterface.get(), "privateIpAddress", interfacePath, IndicatorType.IPV4);
                Optional<Indicator> publicIp =
                        v.indicator(networkInterface.get(), "publicIp", interfacePath, IndicatorType.IPV4);
                boolean first = i == 0;
                if (first) {
                    privateIp.ifPresent(ip -> facts.put("privateIpAddress", ip.value()));
                    publicIp.ifPresent(ip -> facts.put("publicIp", ip.value()));
                }
                // Every interface is validated alike (as the document declares); the first one's are kept.
                for (String field : List.of("vpcId", "subnetId", "networkInterfaceId")) {
                    v.string(networkInterface.get(), field, interfacePath, OPTIONAL)
                            .filter(value -> first)
                            .ifPresent(value -> facts.put(field, value));
                }
            }
        });
        instanceId.ifPresent(id -> resources.add(Resource.of(
                ResourceType.EC2_INSTANCE,
                id,
                accountId == null || region == null
                        ? null
                        : "arn:" + partition + ":ec2:" + region + ":" + accountId + ":instance/" + id,
                region,
                accountId,
                tags,
                facts)));
    }

    private static void accessKey(
            JsonNode details,
            String path,
            String partition,
            String accountId,
            List<Resource> resources,
            Set<Indicator> indicators,
            Validation v) {
        Optional<String> accessKeyId = v.string(details, "accessKeyId", path, REQUIRED);
        Optional<String> userName = v.string(details, "userName", path, OPTIONAL);
        Optional<String> userType = v.string(details, "userType", path, OPTIONAL);
        Optional<String> principalId = v.string(details, "principalId", path, OPTIONAL);
        Map<String, String> facts = new LinkedHashMap<>();
        userName.ifPresent(value -> facts.put("userName", value));
        userType.ifPresent(value -> facts.put("userType", value));
        principalId.ifPresent(value -> facts.put("principalId", value));
        accessKeyId.ifPresent(id -> {
            resources.add(Resource.of(ResourceType.IAM_ACCESS_KEY, id, null, null, accountId, Map.of(), facts));
            AwsSyntax.accessKeyId(id).ifPresent(indicators::add);
        });
        if (userName.isPresent() && userType.isPresent()) {
            ResourceType principalType = switch (userType.get()) {
                case "IAMUser", "Root" -> ResourceType.IAM_USER;
                case "AssumedRole", "Role" -> ResourceType.IAM_ROLE;
                default -> null;
            };
            if (principalType != null) {
                String arn = userType.get().equals("Root") && accountId != null
                        ? "arn:" + partition + ":iam::" + accountId + ":root"
                        : null;
                resources.add(Resource.of(
                        principalType,
                        userName.get(),
                        arn,
                        null,
                        accountId,
                        Map.of(),
                        Map.of("userType", userType.get())));
            }
        }
    }

    private static void s3Buckets(
            JsonNode resource,
            String path,
            String accountId,
            String region,
            List<Resource> resources,
            Set<Indicator> indicators,
            Validation v) {
        String bucketsPath = JsonPaths.child(path, "s3BucketDetails");
        v.array(resource, "s3BucketDetails", path, REQUIRED, Integer.MAX_VALUE).ifPresent(buckets -> {
            for (int i = 0; i < buckets.size(); i++) {
                String bucketPath = JsonPaths.index(bucketsPath, i);
                Optional<JsonNode> bucket = v.objectElement(buckets, i, bucketsPath);
                if (bucket.isEmpty()) {
                    continue;
                }
                Optional<String> name = v.string(bucket.get(), "name", bucketPath, REQUIRED);
                Optional<String> arn = v.string(bucket.get(), "arn", bucketPath, OPTIONAL);
                arn.flatMap(AwsSyntax::arn).ifPresent(indicators::add);
                Map<String, String> tags = v.keyValueTags(bucket.get(), "tags", bucketPath, "key", "value");
                Map<String, String> facts = new LinkedHashMap<>();
                v.string(bucket.get(), "type", bucketPath, OPTIONAL).ifPresent(value -> facts.put("bucketRole", value));
                v.string(bucket.get(), "createdAt", bucketPath, OPTIONAL)
                        .ifPresent(value -> facts.put("createdAt", value));
                v.object(bucket.get(), "owner", bucketPath, OPTIONAL)
                        .flatMap(owner -> v.string(owner, "id", JsonPaths.child(bucketPath, "owner"), OPTIONAL))
                        .ifPresent(value -> facts.put("ownerId", value));
                v.object(bucket.get(), "publicAccess", bucketPath, OPTIONAL)
                        .flatMap(access -> v.string(
                                access, "effectivePermission", JsonPaths.child(bucketPath, "publicAccess"), OPTIONAL))
                        .ifPresent(value -> facts.put("effectivePermission", value));
                v.object(bucket.get(), "defaultServerSideEncryption", bucketPath, OPTIONAL)
                        .flatMap(sse -> v.string(
                                sse,
                                "encryptionType",
                                JsonPaths.child(bucketPath, "defaultServerSideEncryption"),
                                OPTIONAL))
                        .ifPresent(value -> facts.put("encryptionType", value));
                name.ifPresent(bucketName -> resources.add(Resource.of(
                        ResourceType.S3_BUCKET,
                        bucketName,
                        arn.orElse("arn:aws:s3:::" + bucketName),
                        region,
                        accountId,
                        tags,
                        facts)));
            }
        });
    }

    /** Resource types described by one details object with a name field and an optional ARN field. */
    private static void named(
            JsonNode resource,
            String path,
            String detailsField,
            String nameField,
            String arnField,
            ResourceType type,
            String accountId,
            String region,
            List<Resource> resources,
            Set<Indicator> indicators,
            Validation v) {
        String detailsPath = JsonPaths.child(path, detailsField);
        v.object(resource, detailsField, path, REQUIRED).ifPresent(details -> {
            Optional<String> name = v.string(details, nameField, detailsPath, REQUIRED);
            Optional<String> arn =
                    arnField == null ? Optional.empty() : v.string(details, arnField, detailsPath, OPTIONAL);
            arn.flatMap(AwsSyntax::arn).ifPresent(indicators::add);
            Map<String, String> tags = v.keyValueTags(details, "tags", detailsPath, "key", "value");
            Map<String, String> facts = new LinkedHashMap<>();
            details.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if ((value.isString() && !value.stringValue().isBlank()) || value.isNumber() || value.isBoolean()) {
                    facts.put(entry.getKey(), value.isString() ? value.stringValue() : value.toString());
                }
            });
            name.ifPresent(n -> resources.add(Resource.of(type, n, arn.orElse(null), region, accountId, tags, facts)));
        });
    }

    /** Indicators of the remote party in {@code service.action}. */
    private static void actionIndicators(JsonNode action, String path, Set<Indicator> indicators, Validation v) {
        for (String actionField : List.of(
                "networkConnectionAction", "awsApiCallAction", "kubernetesApiCallAction", "rdsLoginAttemptAction")) {
            String actionPath = JsonPaths.child(path, actionField);
            v.object(action, actionField, path, OPTIONAL)
                    .ifPresent(detail -> remoteIp(detail, actionPath, indicators, v));
        }
        String apiCallPath = JsonPaths.child(path, "awsApiCallAction");
        v.object(action, "awsApiCallAction", path, OPTIONAL)
                .flatMap(apiCall -> v.object(apiCall, "domainDetails", apiCallPath, OPTIONAL))
                .flatMap(domain -> v.indicator(
                        domain, "domain", JsonPaths.child(apiCallPath, "domainDetails"), IndicatorType.DOMAIN))
                .ifPresent(indicators::add);
        String dnsPath = JsonPaths.child(path, "dnsRequestAction");
        v.object(action, "dnsRequestAction", path, OPTIONAL)
                .flatMap(dns -> v.indicator(dns, "domain", dnsPath, IndicatorType.DOMAIN))
                .ifPresent(indicators::add);
        String probePath = JsonPaths.child(path, "portProbeAction");
        String detailsPath = JsonPaths.child(probePath, "portProbeDetails");
        v.object(action, "portProbeAction", path, OPTIONAL)
                .flatMap(probe -> v.array(probe, "portProbeDetails", probePath, OPTIONAL, Integer.MAX_VALUE))
                .ifPresent(details -> {
                    for (int i = 0; i < details.size(); i++) {
                        String detailPath = JsonPaths.index(detailsPath, i);
                        v.objectElement(details, i, detailsPath)
                                .ifPresent(detail -> remoteIp(detail, detailPath, indicators, v));
                    }
                });
    }

    private static void remoteIp(JsonNode detail, String path, Set<Indicator> indicators, Validation v) {
        String remotePath = JsonPaths.child(path, "remoteIpDetails");
        v.object(detail, "remoteIpDetails", path, OPTIONAL).ifPresent(remote -> {
            v.indicator(remote, "ipAddressV4", remotePath, IndicatorType.IPV4).ifPresent(indicators::add);
            v.indicator(remote, "ipAddressV6", remotePath, IndicatorType.IPV6).ifPresent(indicators::add);
        });
    }
}
