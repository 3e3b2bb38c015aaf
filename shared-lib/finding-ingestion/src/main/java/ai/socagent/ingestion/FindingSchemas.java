package ai.socagent.ingestion;

import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.IndicatorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 reads them) of what {@link FindingIngestion} accepts:
 * one per format and the submission as their {@code oneOf}, built from the same constants and
 * {@link SchemaPattern patterns} the parsers validate with. Every rule a parser checks is declared
 * (required fields, types, enums, lengths in code points, patterns, ranges, item counts) and
 * nothing else is: unknown fields are allowed, as the ingestion ignores them. The branches are
 * disjoint the way {@link FindingFormatDetector} tells formats apart: each declares its own markers
 * and excludes the others'.
 *
 * <p>What a schema cannot say and the ingestion therefore does not reject: a pair of times in the
 * wrong order is read in order. What the schema says more narrowly than the ingestion reads, so a
 * schema-valid finding is always accepted: indicator values are declared in their plain, canonical
 * syntax (the ingestion also takes defanged and internationalised forms); e-mail local parts of up
 * to 48 characters. Not expressible at all and enforced on the whole payload: {@link
 * IngestionLimits} (bytes, nesting depth, string length) and unique object keys.
 */
public final class FindingSchemas {

    /** The submission: one of the formats below. */
    public static final String SUBMISSION = "FindingSubmission";

    public static final String GUARDDUTY_FINDING = "GuardDutyFinding";
    public static final String GUARDDUTY_EVENT = "GuardDutyFindingEvent";
    public static final String ASFF_FINDING = "AsffFinding";
    public static final String ASFF_BATCH = "AsffFindingBatch";
    public static final String SECURITY_HUB_EVENT = "SecurityHubFindingsEvent";
    public static final String OCSF_FINDING = "OcsfDetectionFinding";
    public static final String PLAIN_THREAT = "PlainThreat";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final String BLANK_ONLY = "^" + SchemaPattern.BLANK + "$";

    // Indicator syntax: a subset of what Indicator.of reads (see the class comment). Written with
    // placeholders for the dot, the colon, the at sign and the URL scheme separator, which are either
    // plain or, for the fields the ingestion refangs (Indicators.refang), also defanged.
    private static final String DOT = "\u0001";
    private static final String COLON = "\u0002";
    private static final String AT = "\u0003";
    private static final String SCHEME = "\u0004";
    private static final String IPV4_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4 = IPV4_OCTET + "(?:" + DOT + IPV4_OCTET + "){3}";
    private static final String H = "[0-9a-fA-F]{1,4}";
    private static final String IPV6 = "(?:(?:" + H + COLON + "){7}" + H
            + "|(?:" + H + COLON + "){1,7}" + COLON
            + "|(?:" + H + COLON + "){1,6}" + COLON + H
            + "|(?:" + H + COLON + "){1,5}(?:" + COLON + H + "){1,2}"
            + "|(?:" + H + COLON + "){1,4}(?:" + COLON + H + "){1,3}"
            + "|(?:" + H + COLON + "){1,3}(?:" + COLON + H + "){1,4}"
            + "|(?:" + H + COLON + "){1,2}(?:" + COLON + H + "){1,5}"
            + "|" + H + COLON + "(?:" + COLON + H + "){1,6}"
            + "|" + COLON + "(?:(?:" + COLON + H + "){1,7}|" + COLON + "))";
    private static final String LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    private static final String TOP_LABEL = "[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String HOST = "(?:" + LABEL + DOT + ")+" + TOP_LABEL;
    private static final String DOMAIN = HOST + DOT + "?";
    private static final String PORT =
            "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";
    private static final String URL = SCHEME + "(?:[A-Za-z0-9._~!$&'()*+,;=:%-]*@)?(?:" + HOST + "|" + IPV4 + "|\\["
            + IPV6 + "\\])(?::" + PORT + ")?(?:[/?#][!-~]*)?";
    private static final String LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,16}";
    private static final String EMAIL = LOCAL_ATOM + "(?:" + DOT + LOCAL_ATOM + "){0,2}" + AT + DOMAIN;
    private static final String ARN = "arn:aws(?:-[a-z]+)*:[a-z0-9][a-z0-9.-]*:[a-z0-9-]*:(?:[0-9]{12}|aws|):[!-~]+";

    private static final String PLAIN_SCHEME = "(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://";
    private static final String DEFANGED_SCHEME =
            "(?:[Hh][Tt][Tt][Pp][Ss]?|[Hh][Xx][XxTt][Pp][Ss]?|[Ff][Tt][Pp]|[Ff][Xx][Pp])(?::|\\[:\\])//";
    private static final String DEFANGED_DOT =
            "(?:\\.|\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[[Dd][Oo][Tt]\\]|\\([Dd][Oo][Tt]\\))";

    private static final int INDICATOR_MAX = 4096;

    private FindingSchemas() {}

    /** The plain syntax of an indicator type, as a pattern body. */
    static String indicatorSyntax(IndicatorType type) {
        return syntax(type, false);
    }

    /** The syntax of an indicator type, as a pattern body; {@code defanged} also takes hxxp, [.], [:], [at]... */
    static String syntax(IndicatorType type, boolean defanged) {
        String template = switch (type) {
            case IPV4 -> IPV4;
            case IPV6 -> IPV6;
            case DOMAIN -> DOMAIN;
            case URL -> URL;
            case SHA256 -> "[0-9a-fA-F]{64}";
            case SHA1 -> "[0-9a-fA-F]{40}";
            case MD5 -> "[0-9a-fA-F]{32}";
            case EMAIL -> EMAIL;
            case AWS_ACCESS_KEY_ID -> "(?:AKIA|ASIA)[A-Z0-9]{16}";
            case ARN -> ARN;
        };
        return fill(template, defanged);
    }

    private static String fill(String template, boolean defanged) {
        return template.replace(DOT, defanged ? DEFANGED_DOT : "\\.")
                .replace(COLON, defanged ? "(?::|\\[:\\])" : ":")
                .replace(AT, defanged ? "(?:@|\\[@\\]|\\[at\\])" : "@")
                .replace(SCHEME, defanged ? DEFANGED_SCHEME : PLAIN_SCHEME);
    }

    private static int indicatorMaxLength(IndicatorType type) {
        return switch (type) {
            case DOMAIN -> 253;
            case EMAIL -> 254;
            default -> INDICATOR_MAX;
        };
    }

    /**
     * The schemas by name, {@link #SUBMISSION} last; references between them are {@code refPrefix}
     * plus a name ({@code #/components/schemas/} in an OpenAPI document).
     */
    public static Map<String, JsonNode> components(IngestionLimits limits, String refPrefix) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(refPrefix, "refPrefix");
        int maxFindings = limits.maxFindingsPerPayload();
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        schemas.put(GUARDDUTY_FINDING, guardDuty());
        schemas.put(
                GUARDDUTY_EVENT,
                object("A GuardDuty finding in its EventBridge event (source "
                                + FindingFormatDetector.GUARDDUTY_EVENT_SOURCE + ", detail-type "
                                + FindingFormatDetector.GUARDDUTY_DETAIL_TYPE + ")")
                        .set("required", requiredNames("source", "detail-type", "detail"))
                        .set(
                                "properties",
                                F.objectNode()
                                        .set("source", constant(FindingFormatDetector.GUARDDUTY_EVENT_SOURCE))
                                        .set("detail-type", constant(FindingFormatDetector.GUARDDUTY_DETAIL_TYPE))
                                        .set("detail", ref(refPrefix, GUARDDUTY_FINDING))));
        schemas.put(ASFF_FINDING, asff());
        schemas.put(
                ASFF_BATCH,
                object("ASFF findings as BatchImportFindings takes them: {\"Findings\": [...]}, all or nothing")
                        .set("required", requiredNames("Findings"))
                        .<ObjectNode>set(
                                "properties",
                                F.objectNode().set("Findings", array(true, maxFindings, ref(refPrefix, ASFF_FINDING))))
                        .set("not", anyOfRequired(markers(Marker.EVENT, Marker.OCSF, Marker.GUARDDUTY))));
        ObjectNode hubDetail = object(null)
                .<ObjectNode>set("required", requiredNames("findings"))
                .set(
                        "properties",
                        F.objectNode().set("findings", array(true, maxFindings, ref(refPrefix, ASFF_FINDING))));
        ObjectNode hubProperties = F.objectNode()
                .set("source", constant(FindingFormatDetector.SECURITY_HUB_EVENT_SOURCE))
                .set("detail-type", constant(FindingFormatDetector.SECURITY_HUB_DETAIL_TYPE))
                .set("detail", hubDetail);
        schemas.put(
                SECURITY_HUB_EVENT,
                object("ASFF findings in their EventBridge event (source "
                                + FindingFormatDetector.SECURITY_HUB_EVENT_SOURCE + ", detail-type "
                                + FindingFormatDetector.SECURITY_HUB_DETAIL_TYPE + "), all or nothing")
                        .<ObjectNode>set("required", requiredNames("source", "detail-type", "detail"))
                        .set("properties", hubProperties));
        schemas.put(
                OCSF_FINDING,
                ocsf().set(
                                "not",
                                anyOfRequired(markers(Marker.EVENT, Marker.FINDINGS, Marker.ASFF, Marker.GUARDDUTY))));
        schemas.put(PLAIN_THREAT, plain());
        ArrayNode oneOf = F.arrayNode()
                .add(F.objectNode()
                        .put("title", "GuardDuty finding")
                        .<ObjectNode>set("allOf", F.arrayNode().add(ref(refPrefix, GUARDDUTY_FINDING)))
                        .set("not", anyOfRequired(markers(Marker.EVENT, Marker.FINDINGS, Marker.OCSF, Marker.ASFF))))
                .add(ref(refPrefix, GUARDDUTY_EVENT))
                .add(F.objectNode()
                        .put("title", "ASFF finding")
                        .<ObjectNode>set("allOf", F.arrayNode().add(ref(refPrefix, ASFF_FINDING)))
                        .set(
                                "not",
                                anyOfRequired(markers(Marker.EVENT, Marker.FINDINGS, Marker.OCSF, Marker.GUARDDUTY))))
                .add(ref(refPrefix, ASFF_BATCH))
                .add(ref(refPrefix, SECURITY_HUB_EVENT))
                .add(ref(refPrefix, OCSF_FINDING))
                .add(ref(refPrefix, PLAIN_THREAT));
        schemas.put(
                SUBMISSION,
                F.objectNode()
                        .put(
                                "description",
                                "A finding in one of the supported formats, told apart by their markers (docs/api.md)."
                                        + " Fields not declared are ignored.")
                        .set("oneOf", oneOf));
        return schemas;
    }

    /** One self-contained schema of the submission: {@link #components} under {@code $defs}. */
    public static JsonNode document(IngestionLimits limits) {
        Map<String, JsonNode> components = components(limits, "#/$defs/");
        ObjectNode defs = F.objectNode();
        components.forEach(defs::set);
        return F.objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .<ObjectNode>set("$defs", defs)
                .set("$ref", F.stringNode("#/$defs/" + SUBMISSION));
    }

    // --- formats

    private static ObjectNode guardDuty() {
        ObjectNode properties = F.objectNode()
                .set("schemaVersion", requiredString(Integer.MAX_VALUE))
                .set("accountId", requiredPattern(AwsSyntax.ACCOUNT_ID))
                .set("region", requiredPattern(AwsSyntax.REGION))
                .set("partition", optionalPattern(GuardDutyParser.PARTITION))
                .set("id", requiredPattern(GuardDutyParser.ID))
                .set("arn", requiredPattern(GuardDutyParser.ARN))
                .set("type", requiredPattern(GuardDutyParser.TYPE))
                .set("title", requiredString(Integer.MAX_VALUE))
                .set("description", requiredString(Integer.MAX_VALUE))
                .set("severity", number(true, 0, 10))
                .set("createdAt", dateTime(true))
                .set("updatedAt", dateTime(true))
                .set("resource", guardDutyResource())
                .set("service", guardDutyService());
        return object(
                        "A GuardDuty finding (GetFindings); service.eventFirstSeen/eventLastSeen, else createdAt/updatedAt,"
                                + " say when it was seen")
                .<ObjectNode>set(
                        "required",
                        requiredNames(
                                "schemaVersion",
                                "accountId",
                                "region",
                                "id",
                                "arn",
                                "type",
                                "title",
                                "description",
                                "severity",
                                "createdAt",
                                "updatedAt",
                                "resource",
                                "service"))
                .set("properties", properties);
    }

    /** The resource: by resourceType, the details object the parser requires. */
    private static ObjectNode guardDutyResource() {
        ObjectNode accessKey = optionalObject(F.objectNode()
                        .set("accessKeyId", requiredString(Integer.MAX_VALUE))
                        .set("userName", optionalString(Integer.MAX_VALUE))
                        .set("userType", optionalString(Integer.MAX_VALUE))
                        .set("principalId", optionalString(Integer.MAX_VALUE)))
                .set("required", requiredNames("accessKeyId"));
        ArrayNode byType = F.arrayNode();
        List<String> known = new ArrayList<>();
        byType.add(resourceBranch("Instance", "instanceDetails", guardDutyInstance(), known));
        byType.add(F.objectNode()
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set("resourceType", constant("AccessKey"))
                                .set("accessKeyDetails", object(null)))
                .set("required", requiredNames("accessKeyDetails")));
        known.add("AccessKey");
        byType.add(resourceBranch(
                "S3Bucket", "s3BucketDetails", array(true, Integer.MAX_VALUE, guardDutyBucket()), known));
        byType.add(resourceBranch("EKSCluster", "eksClusterDetails", named("name", "arn"), known));
        byType.add(resourceBranch("ECSCluster", "ecsClusterDetails", named("name", "arn"), known));
        byType.add(resourceBranch("Container", "containerDetails", named("id", null), known));
        byType.add(resourceBranch("Lambda", "lambdaDetails", named("functionName", "functionArn"), known));
        byType.add(resourceBranch(
                "RDSDBInstance", "rdsDbInstanceDetails", named("dbInstanceIdentifier", "dbInstanceArn"), known));
        byType.add(F.objectNode()
                .set(
                        "properties",
                        F.objectNode().set("resourceType", F.objectNode().set("not", enumOf(known)))));
        return object(null)
                .<ObjectNode>set("required", requiredNames("resourceType"))
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set("resourceType", requiredString(Integer.MAX_VALUE))
                                .set("accessKeyDetails", accessKey))
                .set("anyOf", byType);
    }

    private static ObjectNode resourceBranch(String type, String field, ObjectNode details, List<String> known) {
        known.add(type);
        return F.objectNode()
                .<ObjectNode>set(
                        "properties",
                        F.objectNode().set("resourceType", constant(type)).set(field, details))
                .set("required", requiredNames(field));
    }

    private static ObjectNode guardDutyInstance() {
        ObjectNode properties = F.objectNode()
                .set("instanceId", requiredPattern(AwsSyntax.INSTANCE_ID))
                .set("tags", keyValueTags("key", "value"));
        for (String field :
                List.of("instanceType", "imageId", "platform", "instanceState", "availabilityZone", "launchTime")) {
            properties.set(field, optionalString(Integer.MAX_VALUE));
        }
        properties.set(
                "iamInstanceProfile", optionalObject(F.objectNode().set("arn", optionalString(Integer.MAX_VALUE))));
        properties.set(
                "networkInterfaces",
                array(
                        false,
                        Integer.MAX_VALUE,
                        object(null)
                                .set(
                                        "properties",
                                        F.objectNode()
                                                .set("privateIpAddress", optionalIndicator(IndicatorType.IPV4))
                                                .set("publicIp", optionalIndicator(IndicatorType.IPV4))
                                                .set("vpcId", optionalString(Integer.MAX_VALUE))
                                                .set("subnetId", optionalString(Integer.MAX_VALUE))
                                                .set("networkInterfaceId", optionalString(Integer.MAX_VALUE)))));
        return object(null)
                .<ObjectNode>set("required", requiredNames("instanceId"))
                .set("properties", properties);
    }

    private static ObjectNode guardDutyBucket() {
        return object(null)
                .<ObjectNode>set("required", requiredNames("name"))
                .set(
                        "properties",
                        F.objectNode()
                                .set("name", requiredString(Integer.MAX_VALUE))
                                .set("arn", optionalString(Integer.MAX_VALUE))
                                .set("tags", keyValueTags("key", "value"))
                                .set("type", optionalString(Integer.MAX_VALUE))
                                .set("createdAt", optionalString(Integer.MAX_VALUE))
                                .set(
                                        "owner",
                                        optionalObject(F.objectNode().set("id", optionalString(Integer.MAX_VALUE))))
                                .set(
                                        "publicAccess",
                                        optionalObject(F.objectNode()
                                                .set("effectivePermission", optionalString(Integer.MAX_VALUE))))
                                .set(
                                        "defaultServerSideEncryption",
                                        optionalObject(F.objectNode()
                                                .set("encryptionType", optionalString(Integer.MAX_VALUE)))));
    }

    private static ObjectNode named(String nameField, String arnField) {
        ObjectNode properties = F.objectNode()
                .set(nameField, requiredString(Integer.MAX_VALUE))
                .set("tags", keyValueTags("key", "value"));
        if (arnField != null) {
            properties.set(arnField, optionalString(Integer.MAX_VALUE));
        }
        return object(null)
                .<ObjectNode>set("required", requiredNames(nameField))
                .set("properties", properties);
    }

    private static ObjectNode guardDutyService() {
        ObjectNode remote = optionalObject(F.objectNode()
                .set("ipAddressV4", optionalIndicator(IndicatorType.IPV4))
                .set("ipAddressV6", optionalIndicator(IndicatorType.IPV6)));
        ObjectNode withRemote = optionalObject(F.objectNode().set("remoteIpDetails", remote));
        ObjectNode apiCall = optionalObject(F.objectNode()
                .set("remoteIpDetails", remote)
                .set(
                        "domainDetails",
                        optionalObject(F.objectNode().set("domain", optionalIndicator(IndicatorType.DOMAIN)))));
        ObjectNode action = optionalObject(F.objectNode()
                .set("networkConnectionAction", withRemote)
                .set("awsApiCallAction", apiCall)
                .set("kubernetesApiCallAction", withRemote)
                .set("rdsLoginAttemptAction", withRemote)
                .set(
                        "dnsRequestAction",
                        optionalObject(F.objectNode().set("domain", optionalIndicator(IndicatorType.DOMAIN))))
                .set(
                        "portProbeAction",
                        optionalObject(F.objectNode()
                                .set(
                                        "portProbeDetails",
                                        array(
                                                false,
                                                Integer.MAX_VALUE,
                                                object(null)
                                                        .set(
                                                                "properties",
                                                                F.objectNode().set("remoteIpDetails", remote)))))));
        return object(null)
                .<ObjectNode>set("required", requiredNames("serviceName"))
                .set(
                        "properties",
                        F.objectNode()
                                .set("serviceName", constant("guardduty"))
                                .set("eventFirstSeen", dateTime(false))
                                .set("eventLastSeen", dateTime(false))
                                .set("action", action));
    }

    private static ObjectNode asff() {
        List<String> intelTypes = new ArrayList<>(
                AsffParser.INTEL_TYPES.keySet().stream().sorted().toList());
        ArrayNode intelBranches = F.arrayNode();
        for (String type : intelTypes) {
            intelBranches.add(F.objectNode()
                    .<ObjectNode>set("required", requiredNames("Type", "Value"))
                    .set(
                            "properties",
                            F.objectNode()
                                    .set("Type", constant(type))
                                    .set("Value", requiredIndicator(AsffParser.INTEL_TYPES.get(type)))));
        }
        intelBranches.add(F.objectNode()
                .<ObjectNode>set("required", requiredNames("Type"))
                .set("properties", F.objectNode().set("Type", enumOf(AsffParser.UNMAPPED_INTEL_TYPES))));
        intelBranches.add(F.objectNode()
                .<ObjectNode>set("required", requiredNames("Type"))
                .set(
                        "properties",
                        F.objectNode()
                                .set(
                                        "Type",
                                        F.objectNode().put("type", "string").put("pattern", BLANK_ONLY))));
        intelBranches.add(F.objectNode()
                .set(
                        "properties",
                        F.objectNode()
                                .set("Type", F.objectNode().put("type", "null"))
                                .set("Value", optionalString(Integer.MAX_VALUE))));
        List<String> allIntelTypes = new ArrayList<>(intelTypes);
        allIntelTypes.addAll(AsffParser.UNMAPPED_INTEL_TYPES);

        ObjectNode severity = object("Label, else Normalized (0-100), says how severe")
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set("Label", optionalEnum(AsffParser.LABELS))
                                .set("Normalized", integer(false, 0, 100)))
                .set(
                        "anyOf",
                        F.arrayNode()
                                .add(F.objectNode()
                                        .<ObjectNode>set("required", requiredNames("Label"))
                                        .set("properties", F.objectNode().set("Label", enumOf(AsffParser.LABELS))))
                                .add(F.objectNode()
                                        .<ObjectNode>set("required", requiredNames("Normalized"))
                                        .set(
                                                "properties",
                                                F.objectNode()
                                                        .set(
                                                                "Normalized",
                                                                F.objectNode().put("type", "integer")))));
        ObjectNode resource = object(null)
                .<ObjectNode>set("required", requiredNames("Type", "Id"))
                .set(
                        "properties",
                        F.objectNode()
                                .set("Type", requiredString(256))
                                .set("Id", requiredString(2048))
                                .set("Partition", optionalEnum(List.of("aws", "aws-cn", "aws-us-gov")))
                                .set("Region", optionalPattern(AwsSyntax.REGION))
                                .set("Tags", objectTags())
                                .set("Details", optionalObject(F.objectNode())));
        ObjectNode network = optionalObject(F.objectNode()
                .set("SourceIpV4", optionalIndicator(IndicatorType.IPV4))
                .set("SourceIpV6", optionalIndicator(IndicatorType.IPV6))
                .set("SourceDomain", optionalIndicator(IndicatorType.DOMAIN))
                .set("DestinationIpV4", optionalIndicator(IndicatorType.IPV4))
                .set("DestinationIpV6", optionalIndicator(IndicatorType.IPV6))
                .set("DestinationDomain", optionalIndicator(IndicatorType.DOMAIN)));
        ObjectNode intel = array(
                false,
                100,
                object(null)
                        .<ObjectNode>set("properties", F.objectNode().set("Type", optionalEnum(allIntelTypes)))
                        .set("anyOf", intelBranches));
        ObjectNode types = F.objectNode()
                .put("type", "string")
                .put("maxLength", 256)
                .set(
                        "allOf",
                        F.arrayNode()
                                .add(F.objectNode().put("pattern", SchemaPattern.NOT_BLANK.source()))
                                .add(F.objectNode().put("pattern", AsffParser.FINDING_TYPE.source())));
        ObjectNode properties = F.objectNode()
                .set("SchemaVersion", requiredString(Integer.MAX_VALUE))
                .set("Id", requiredString(512))
                .set("ProductArn", requiredPattern(AwsSyntax.ARN).put("maxLength", INDICATOR_MAX))
                .set("GeneratorId", requiredString(512))
                .set("AwsAccountId", requiredPattern(AwsSyntax.ACCOUNT_ID))
                .set("Region", optionalPattern(AwsSyntax.REGION))
                .set("Types", array(true, 50, types))
                .set("CreatedAt", dateTime(true))
                .set("UpdatedAt", dateTime(true))
                .set("FirstObservedAt", dateTime(false))
                .set("LastObservedAt", dateTime(false))
                .set("Severity", severity)
                .set("Title", requiredString(Integer.MAX_VALUE))
                .set("Description", requiredString(Integer.MAX_VALUE))
                .set("Resources", array(true, AsffParser.MAX_RESOURCES, resource))
                .set("Network", network)
                .set("ThreatIntelIndicators", intel)
                .set("ProductFields", optionalObject(F.objectNode()));
        return object("An AWS Security Finding Format (ASFF) finding")
                .<ObjectNode>set(
                        "required",
                        requiredNames(
                                "SchemaVersion",
                                "Id",
                                "ProductArn",
                                "GeneratorId",
                                "AwsAccountId",
                                "Types",
                                "CreatedAt",
                                "UpdatedAt",
                                "Severity",
                                "Title",
                                "Description",
                                "Resources"))
                .set("properties", properties);
    }

    private static ObjectNode ocsf() {
        long epochMax = OcsfParser.MAX_EPOCH_MILLIS;
        ObjectNode info = object(null)
                .<ObjectNode>set("required", requiredNames("uid", "title"))
                .set(
                        "properties",
                        F.objectNode()
                                .set("uid", requiredString(512))
                                .set("title", requiredString(Integer.MAX_VALUE))
                                .set("desc", optionalString(Integer.MAX_VALUE))
                                .set("types", array(false, 50, requiredString(512)))
                                .set("first_seen_time", integer(false, 0, epochMax))
                                .set("last_seen_time", integer(false, 0, epochMax))
                                .set("created_time", integer(false, 0, epochMax)));
        ObjectNode metadata = object(null)
                .<ObjectNode>set("required", requiredNames("version"))
                .set(
                        "properties",
                        F.objectNode()
                                .set("version", requiredString(Integer.MAX_VALUE))
                                .set("product", optionalObject(F.objectNode())));
        ArrayNode observableBranches = F.arrayNode()
                .add(observableBranch(
                        OcsfParser.IP_ADDRESS,
                        optionalPatternBody(
                                "(?:" + syntax(IndicatorType.IPV4, true) + "|" + syntax(IndicatorType.IPV6, true) + ")",
                                INDICATOR_MAX)))
                .add(observableBranch(OcsfParser.EMAIL_ADDRESS, optionalIndicator(IndicatorType.EMAIL)))
                .add(observableBranch(OcsfParser.URL_STRING, optionalIndicator(IndicatorType.URL)))
                .add(F.objectNode()
                        .set(
                                "properties",
                                F.objectNode()
                                        .set(
                                                "type_id",
                                                F.objectNode()
                                                        .set(
                                                                "not",
                                                                enumOfLongs(List.of(
                                                                        OcsfParser.IP_ADDRESS,
                                                                        OcsfParser.EMAIL_ADDRESS,
                                                                        OcsfParser.URL_STRING))))));
        ObjectNode observable = object(null)
                .<ObjectNode>set("required", requiredNames("type_id"))
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set("type_id", integer(true, 0, 99))
                                .set("value", optionalString(Integer.MAX_VALUE)))
                .set("anyOf", observableBranches);
        ArrayNode activity = F.arrayNode();
        for (long id : OcsfParser.ACTIVITY_IDS) {
            activity.add(F.objectNode()
                    .set(
                            "properties",
                            F.objectNode()
                                    .set("activity_id", F.objectNode().put("const", id))
                                    .set(
                                            "type_uid",
                                            F.objectNode()
                                                    .set(
                                                            "enum",
                                                            F.arrayNode()
                                                                    .add(OcsfParser.DETECTION_FINDING_CLASS * 100 + id)
                                                                    .addNull()))));
        }
        ArrayNode cloud = F.arrayNode().add(ocsfCloud(true)).add(ocsfCloud(false));
        ObjectNode properties = F.objectNode()
                .set("class_uid", F.objectNode().put("const", OcsfParser.DETECTION_FINDING_CLASS))
                .set("category_uid", F.objectNode().put("const", OcsfParser.FINDINGS_CATEGORY))
                .set("activity_id", integerEnum(OcsfParser.ACTIVITY_IDS))
                .set("type_uid", integer(false, 0, Long.MAX_VALUE))
                .set("severity_id", integerEnum(OcsfParser.SEVERITY_IDS))
                .set("severity", optionalString(Integer.MAX_VALUE))
                .set("message", optionalString(Integer.MAX_VALUE))
                .set("time", integer(true, 0, epochMax))
                .set("finding_info", info)
                .set("metadata", metadata)
                .set("observables", array(false, 1000, observable));
        return object(
                        "An OCSF Detection Finding (class_uid 2004); cloud.provider other than AWS frees account and region"
                                + " from AWS syntax")
                .<ObjectNode>set(
                        "required",
                        requiredNames(
                                "class_uid",
                                "category_uid",
                                "activity_id",
                                "severity_id",
                                "time",
                                "finding_info",
                                "metadata"))
                .<ObjectNode>set("properties", properties)
                .set(
                        "allOf",
                        F.arrayNode()
                                .add(F.objectNode().set("anyOf", activity))
                                .add(F.objectNode().set("anyOf", cloud)));
    }

    private static ObjectNode observableBranch(long typeId, ObjectNode value) {
        return F.objectNode()
                .set(
                        "properties",
                        F.objectNode()
                                .set("type_id", F.objectNode().put("const", typeId))
                                .set("value", value));
    }

    /** The cloud and the resources, whose account and region follow AWS syntax when the provider is AWS (or none). */
    private static ObjectNode ocsfCloud(boolean aws) {
        String awsOrBlank = "^(?:[Aa][Ww][Ss]|" + SchemaPattern.BLANK + ")$";
        ObjectNode account = optionalObject(F.objectNode()
                .set("uid", aws ? optionalPattern(AwsSyntax.ACCOUNT_ID) : optionalString(Integer.MAX_VALUE)));
        ObjectNode region = aws ? optionalPattern(AwsSyntax.REGION) : optionalString(Integer.MAX_VALUE);
        ObjectNode cloudProperties = F.objectNode()
                .set(
                        "provider",
                        aws
                                ? F.objectNode()
                                        .<ObjectNode>set("type", names("string", "null"))
                                        .put("pattern", awsOrBlank)
                                : F.objectNode()
                                        .put("type", "string")
                                        .set("not", F.objectNode().put("pattern", awsOrBlank)))
                .set("account", account)
                .set("region", region);
        ObjectNode cloud = aws
                ? optionalObject(cloudProperties)
                : object(null)
                        .<ObjectNode>set("required", requiredNames("provider"))
                        .set("properties", cloudProperties);
        ObjectNode resource = object(null)
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set("type", optionalString(256))
                                .set("uid", optionalString(2048))
                                .set("name", optionalString(2048))
                                .set(
                                        "region",
                                        aws ? optionalPattern(AwsSyntax.REGION) : optionalString(Integer.MAX_VALUE))
                                .set("tags", keyValueTags("name", "value"))
                                .set("labels", array(false, 1000, requiredString(1024))))
                .set(
                        "anyOf",
                        F.arrayNode()
                                .add(F.objectNode()
                                        .<ObjectNode>set("required", requiredNames("uid"))
                                        .set(
                                                "properties",
                                                F.objectNode()
                                                        .set(
                                                                "uid",
                                                                F.objectNode().put("type", "string"))))
                                .add(F.objectNode()
                                        .<ObjectNode>set("required", requiredNames("name"))
                                        .set(
                                                "properties",
                                                F.objectNode()
                                                        .set(
                                                                "name",
                                                                F.objectNode().put("type", "string")))));
        ObjectNode branch = F.objectNode()
                .set("properties", F.objectNode().set("cloud", cloud).set("resources", array(false, 100, resource)));
        if (!aws) {
            branch.set("required", requiredNames("cloud"));
        }
        return branch;
    }

    private static ObjectNode plain() {
        List<String> severities = PlainThreatParser.SEVERITY_LABELS;
        ObjectNode resource = object(null)
                .<ObjectNode>set("required", requiredNames("type", "id"))
                .set(
                        "properties",
                        F.objectNode()
                                .set(
                                        "type",
                                        namesAnyCase(Arrays.stream(ResourceType.values())
                                                .map(Enum::name)
                                                .toList()))
                                .set("id", requiredString(2048))
                                .set("region", optionalPattern(AwsSyntax.REGION))
                                .set("accountId", optionalPattern(AwsSyntax.ACCOUNT_ID))
                                .set("arn", optionalPattern(AwsSyntax.ARN).put("maxLength", INDICATOR_MAX))
                                .set("tags", objectTags()));
        ArrayNode byType = F.arrayNode();
        for (IndicatorType type : IndicatorType.values()) {
            byType.add(F.objectNode()
                    .set(
                            "properties",
                            F.objectNode()
                                    .set(
                                            "type",
                                            F.objectNode().put("pattern", stripped(SchemaPattern.anyCase(type.name()))))
                                    .set("value", F.objectNode().put("pattern", stripped(syntax(type, true))))));
        }
        ObjectNode indicator = object(null)
                .<ObjectNode>set("required", requiredNames("type", "value"))
                .<ObjectNode>set(
                        "properties",
                        F.objectNode()
                                .set(
                                        "type",
                                        namesAnyCase(Arrays.stream(IndicatorType.values())
                                                .map(Enum::name)
                                                .toList()))
                                .set("value", requiredString(INDICATOR_MAX)))
                .set("anyOf", byType);
        ObjectNode properties = F.objectNode()
                .set("title", requiredString(PlainThreatParser.MAX_TITLE))
                .set("description", optionalString(PlainThreatParser.MAX_DESCRIPTION))
                .set("source", optionalString(PlainThreatParser.MAX_SOURCE))
                .set(
                        "severity",
                        F.objectNode()
                                .<ObjectNode>set("type", names("string", "null"))
                                .put(
                                        "pattern",
                                        "^" + SchemaPattern.BLANK + "(?:"
                                                + severities.stream()
                                                        .map(SchemaPattern::anyCase)
                                                        .collect(Collectors.joining("|"))
                                                + ")?" + SchemaPattern.BLANK + "$")
                                .put("description", "Any case; default MEDIUM"))
                .set("id", optionalPattern(PlainThreatParser.CLIENT_ID))
                .set("type", optionalString(256))
                .set("accountId", optionalPattern(AwsSyntax.ACCOUNT_ID))
                .set("region", optionalPattern(AwsSyntax.REGION))
                .set("firstSeen", dateTime(false))
                .set("lastSeen", dateTime(false))
                .set("resources", array(false, PlainThreatParser.MAX_RESOURCES, resource))
                .set("indicators", array(false, PlainThreatParser.MAX_INDICATORS, indicator));
        ArrayNode plainFields = F.arrayNode();
        for (String field : List.of("description", "source", "severity", "resources", "indicators")) {
            plainFields.add(F.objectNode().set("required", requiredNames(field)));
        }
        return object("A threat as a person or a tool reports it: a title and at least one of description, source,"
                        + " severity, resources, indicators")
                .<ObjectNode>set("required", requiredNames("title"))
                .<ObjectNode>set("properties", properties)
                .<ObjectNode>set("anyOf", plainFields)
                .set("not", anyOfRequired(markers(Marker.PLAIN_FOREIGN, Marker.GUARDDUTY)));
    }

    // --- markers of the formats, as FindingFormatDetector reads them

    private enum Marker {
        EVENT,
        FINDINGS,
        OCSF,
        ASFF,
        GUARDDUTY,
        PLAIN_FOREIGN
    }

    private static List<JsonNode> markers(Marker... markers) {
        List<JsonNode> out = new ArrayList<>();
        for (Marker marker : markers) {
            switch (marker) {
                case EVENT -> {
                    out.add(required("detail-type"));
                    out.add(required("detail"));
                }
                case FINDINGS -> out.add(required("Findings"));
                case OCSF -> out.add(required("class_uid"));
                case ASFF -> {
                    ArrayNode any = F.arrayNode();
                    for (String field : List.of("SchemaVersion", "AwsAccountId", "Types", "GeneratorId")) {
                        any.add(required(field));
                    }
                    out.add(required("ProductArn").set("anyOf", any));
                }
                case GUARDDUTY -> {
                    ArrayNode identified = F.arrayNode()
                            .add(required("service")
                                    .set(
                                            "properties",
                                            F.objectNode()
                                                    .set(
                                                            "service",
                                                            F.objectNode()
                                                                    .put("type", "object")
                                                                    .<ObjectNode>set(
                                                                            "required", requiredNames("serviceName"))
                                                                    .set(
                                                                            "properties",
                                                                            F.objectNode()
                                                                                    .set(
                                                                                            "serviceName",
                                                                                            constant("guardduty"))))))
                            .add(required("arn")
                                    .set(
                                            "properties",
                                            F.objectNode()
                                                    .set(
                                                            "arn",
                                                            F.objectNode()
                                                                    .put("type", "string")
                                                                    .put("pattern", ":guardduty:"))));
                    ArrayNode fields = F.arrayNode()
                            .add(required("schemaVersion"))
                            .add(required("type"))
                            .add(required("resource"));
                    out.add(F.objectNode()
                            .set(
                                    "allOf",
                                    F.arrayNode()
                                            .add(F.objectNode().set("anyOf", identified))
                                            .add(F.objectNode().set("anyOf", fields))));
                }
                case PLAIN_FOREIGN -> FindingFormatDetector.FOREIGN_MARKERS.forEach(field -> out.add(required(field)));
            }
        }
        return out;
    }

    private static ObjectNode anyOfRequired(List<JsonNode> alternatives) {
        ArrayNode any = F.arrayNode();
        alternatives.forEach(any::add);
        return F.objectNode().set("anyOf", any);
    }

    private static ObjectNode required(String field) {
        return F.objectNode().set("required", requiredNames(field));
    }

    // --- building blocks, each mirroring one Validation method

    private static ObjectNode object(String description) {
        ObjectNode node = F.objectNode().put("type", "object");
        if (description != null) {
            node.put("description", description);
        }
        return node;
    }

    private static ObjectNode optionalObject(ObjectNode properties) {
        ObjectNode node = F.objectNode().set("type", names("object", "null"));
        if (!properties.isEmpty()) {
            node.set("properties", properties);
        }
        return node;
    }

    private static ObjectNode array(boolean required, int maxItems, JsonNode items) {
        ObjectNode node = required
                ? F.objectNode().put("type", "array").put("minItems", 1)
                : F.objectNode().set("type", names("array", "null"));
        if (maxItems < Integer.MAX_VALUE) {
            node.put("maxItems", maxItems);
        }
        return node.set("items", items);
    }

    /** {@code Validation.string(REQUIRED)}: a string that is not blank. */
    private static ObjectNode requiredString(int maxLength) {
        ObjectNode node = F.objectNode().put("type", "string").put("pattern", SchemaPattern.NOT_BLANK.source());
        return maxLength < Integer.MAX_VALUE ? node.put("maxLength", maxLength) : node;
    }

    /** {@code Validation.string(OPTIONAL)}: a string (blank reads as absent) or null. */
    private static ObjectNode optionalString(int maxLength) {
        ObjectNode node = F.objectNode().set("type", names("string", "null"));
        return maxLength < Integer.MAX_VALUE ? node.put("maxLength", maxLength) : node;
    }

    /** {@code Validation.matching(REQUIRED)}; none of the patterns matches a blank string. */
    private static ObjectNode requiredPattern(SchemaPattern pattern) {
        return F.objectNode().put("type", "string").put("pattern", pattern.source());
    }

    /** {@code Validation.matching(OPTIONAL)}: the pattern, a blank string or null. */
    private static ObjectNode optionalPattern(SchemaPattern pattern) {
        return F.objectNode()
                .<ObjectNode>set("type", names("string", "null"))
                .set(
                        "anyOf",
                        F.arrayNode()
                                .add(F.objectNode().put("pattern", pattern.source()))
                                .add(F.objectNode().put("pattern", BLANK_ONLY)));
    }

    private static ObjectNode optionalPatternBody(String body, int maxLength) {
        return F.objectNode()
                .<ObjectNode>set("type", names("string", "null"))
                .put("maxLength", maxLength)
                .put("pattern", "^" + SchemaPattern.BLANK + "(?:" + body + ")?" + SchemaPattern.BLANK + "$");
    }

    /** {@code Validation.indicator}: blank, null or the type's syntax with white space around it. */
    private static ObjectNode optionalIndicator(IndicatorType type) {
        return optionalPatternBody(indicatorSyntax(type), indicatorMaxLength(type));
    }

    private static ObjectNode requiredIndicator(IndicatorType type) {
        return F.objectNode()
                .put("type", "string")
                .put("maxLength", indicatorMaxLength(type))
                .put("pattern", stripped(indicatorSyntax(type)));
    }

    private static String stripped(String body) {
        return SchemaPattern.stripped(body).source();
    }

    /** A name read as {@code strip().toUpperCase()}: any ASCII case, white space around it. */
    private static ObjectNode namesAnyCase(List<String> names) {
        return F.objectNode()
                .put("type", "string")
                .put(
                        "pattern",
                        stripped(names.stream().map(SchemaPattern::anyCase).collect(Collectors.joining("|"))));
    }

    /** {@code Validation.oneOf(OPTIONAL)}: one of the values, a blank string or null. */
    private static ObjectNode optionalEnum(List<String> values) {
        return F.objectNode()
                .set(
                        "anyOf",
                        F.arrayNode()
                                .add(enumOf(values))
                                .add(F.objectNode().put("type", "null"))
                                .add(F.objectNode().put("type", "string").put("pattern", BLANK_ONLY)));
    }

    private static ObjectNode enumOf(List<String> values) {
        ArrayNode array = F.arrayNode();
        values.forEach(array::add);
        return F.objectNode().set("enum", array);
    }

    private static ObjectNode enumOfLongs(List<Long> values) {
        ArrayNode array = F.arrayNode();
        values.forEach(array::add);
        return F.objectNode().set("enum", array);
    }

    private static ObjectNode integerEnum(List<Long> values) {
        return enumOfLongs(values).put("type", "integer");
    }

    private static ObjectNode constant(String value) {
        return F.objectNode().put("type", "string").put("const", value);
    }

    private static ObjectNode dateTime(boolean required) {
        if (required) {
            return F.objectNode().put("type", "string").put("format", "date-time");
        }
        return F.objectNode()
                .<ObjectNode>set("type", names("string", "null"))
                .set(
                        "anyOf",
                        F.arrayNode()
                                .add(F.objectNode().put("format", "date-time"))
                                .add(F.objectNode().put("pattern", BLANK_ONLY)));
    }

    private static ObjectNode number(boolean required, double min, double max) {
        ObjectNode node =
                required ? F.objectNode().put("type", "number") : F.objectNode().set("type", names("number", "null"));
        return node.put("minimum", min).put("maximum", max);
    }

    private static ObjectNode integer(boolean required, long min, long max) {
        ObjectNode node = required
                ? F.objectNode().put("type", "integer")
                : F.objectNode().set("type", names("integer", "null"));
        return node.put("minimum", min).put("maximum", max);
    }

    /** ASFF tags: an object of strings. */
    private static ObjectNode objectTags() {
        return F.objectNode()
                .<ObjectNode>set("type", names("object", "null"))
                .set("additionalProperties", F.objectNode().put("type", "string"));
    }

    /** GuardDuty and OCSF tags: [{key, value}]. */
    private static ObjectNode keyValueTags(String keyField, String valueField) {
        return array(
                false,
                Integer.MAX_VALUE,
                object(null)
                        .<ObjectNode>set("required", requiredNames(keyField))
                        .set(
                                "properties",
                                F.objectNode()
                                        .set(keyField, requiredString(Integer.MAX_VALUE))
                                        .set(valueField, F.objectNode().set("type", names("string", "null")))));
    }

    private static ObjectNode ref(String prefix, String name) {
        return F.objectNode().put("$ref", prefix + name);
    }

    /** Required names sorted, as the OpenAPI model keeps them. */
    private static ArrayNode requiredNames(String... names) {
        return names(Arrays.stream(names).sorted().toArray(String[]::new));
    }

    private static ArrayNode names(String... names) {
        ArrayNode array = F.arrayNode();
        for (String name : names) {
            array.add(name);
        }
        return array;
    }
}
