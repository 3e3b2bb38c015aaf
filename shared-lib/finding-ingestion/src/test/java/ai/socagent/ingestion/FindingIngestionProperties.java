package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class FindingIngestionProperties {

    private static final Instant RECEIVED = Instant.parse("2025-07-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final FindingIngestion INGESTION = FindingIngestion.withDefaults();
    private static final IngestionLimits SMALL = new IngestionLimits(8 * 1024, 16, 512, 5);
    private static final FindingIngestion SMALL_INGESTION = new FindingIngestion(SMALL);

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1");

    /**
     * Either a result with findings or a rejection with violations; anything else fails the property.
     * Returns the outcome: "accepted", or the rule of the first violation.
     */
    private static String ingestsOrRejects(FindingIngestion ingestion, byte[] payload) {
        try {
            IngestionResult result = ingestion.ingest(payload, RECEIVED);
            assertThat(result.findings()).isNotEmpty();
            return "accepted";
        } catch (FindingRejectedException e) {
            assertThat(e.violations()).isNotEmpty();
            assertThat(e.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("$"));
            return e.violations().get(0).rule();
        }
    }

    /** Rejections found while validating fields, i.e. after the format was recognised. */
    private static boolean isFieldLevel(String outcome) {
        return List.of(
                        Violation.REQUIRED,
                        Violation.TYPE,
                        Violation.RANGE,
                        Violation.PATTERN,
                        Violation.ENUM,
                        Violation.SIZE)
                .contains(outcome);
    }

    // ---------------------------------------------------------------- robustness

    @Property(tries = 500)
    void ingest_arbitraryBytes_neverThrowsAnythingButRejection(@ForAll @Size(max = 2048) byte[] payload) {
        ingestsOrRejects(INGESTION, payload);
    }

    @Property(tries = 1000)
    void ingest_arbitraryJson_neverThrowsAnythingButRejection(@ForAll("jsonObjects") JsonNode json) {
        String outcome = ingestsOrRejects(INGESTION, JSON.writeValueAsBytes(json));
        Statistics.label("outcome").collect(outcome);
        Statistics.label("stage")
                .collect(isFieldLevel(outcome) || outcome.equals("accepted") ? "format recognised" : "not recognised");
        Statistics.label("stage")
                .coverage(coverage -> coverage.check("format recognised").percentage(p -> p > 40.0));
    }

    @Property(tries = 1500)
    void ingest_mutatedSample_neverThrowsAnythingButRejection(
            @ForAll("samplePaths") String path,
            @ForAll @IntRange(min = 0, max = 100_000) int nodeChoice,
            @ForAll("jsonValues") JsonNode replacement,
            @ForAll boolean remove) {
        JsonNode root = JSON.readTree(SampleFindings.read(path));
        List<JsonPointer> pointers = new ArrayList<>();
        collectPointers(root, JsonPointer.empty(), pointers);
        JsonPointer target = pointers.get(nodeChoice % pointers.size());
        JsonNode parent = root.at(target.head());
        String last = target.last().getMatchingProperty();
        if (parent.isObject()) {
            if (remove) {
                ((ObjectNode) parent).remove(last);
            } else {
                ((ObjectNode) parent).set(last, replacement);
            }
        } else if (parent.isArray()) {
            int index = target.last().getMatchingIndex();
            if (remove) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
        String outcome = ingestsOrRejects(INGESTION, JSON.writeValueAsBytes(root));
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p > 10.0);
            coverage.checkQuery(values -> isFieldLevel((String) values.get(0))).percentage(p -> p > 10.0);
        });
    }

    // ---------------------------------------------------------------- limits

    @Property(tries = 100)
    void ingest_oversizePayload_alwaysRejectedAsTooLarge(
            @ForAll @IntRange(min = 1, max = 4096) int extra, @ForAll byte filler) {
        byte[] payload = new byte[SMALL.maxPayloadBytes() + extra];
        java.util.Arrays.fill(payload, filler);
        FindingRejectedException e = rejection(SMALL_INGESTION, payload);
        assertThat(e.violations()).extracting(Violation::rule).containsExactly(Violation.PAYLOAD_TOO_LARGE);
    }

    @Property(tries = 200)
    void ingest_nestingBeyondLimit_alwaysRejectedAsTooDeep(
            @ForAll @IntRange(min = 1, max = 300) int excess,
            @ForAll @Size(min = 1, max = 20) List<Boolean> objectLevels) {
        int depth = SMALL.maxNestingDepth() + excess;
        StringBuilder open = new StringBuilder("{\"title\":\"t\",\"source\":\"s\",\"x\":");
        StringBuilder close = new StringBuilder("}");
        for (int level = 1; level < depth; level++) {
            boolean object = objectLevels.get(level % objectLevels.size());
            open.append(object ? "{\"k\":" : "[");
            close.insert(0, object ? "}" : "]");
        }
        open.append("1");
        String payload = open.append(close).toString();
        FindingRejectedException e = rejection(SMALL_INGESTION, payload.getBytes(StandardCharsets.UTF_8));
        assertThat(e.violations()).extracting(Violation::rule).containsExactly(Violation.JSON_TOO_DEEP);
    }

    @Property(tries = 200)
    void ingest_stringBeyondLimit_alwaysRejectedAsTooLong(
            @ForAll @IntRange(min = 1, max = 2000) int excess,
            @ForAll("samplePaths") String path,
            @ForAll boolean asPropertyName) {
        String longText = "x".repeat(SMALL.maxStringLength() + excess);
        ObjectNode root = (ObjectNode) JSON.readTree(SampleFindings.read(path));
        ObjectNode small = NODES.objectNode();
        // Keep the payload under the size limit: only a few fields of the sample survive.
        root.properties().stream().limit(2).forEach(entry -> small.set(entry.getKey(), entry.getValue()));
        if (asPropertyName) {
            small.put(longText, 1);
        } else {
            small.put("padding", longText);
        }
        byte[] payload = JSON.writeValueAsBytes(small);
        FindingIngestion ingestion = new FindingIngestion(
                new IngestionLimits(payload.length + 1, SMALL.maxNestingDepth() + 50, SMALL.maxStringLength(), 5));
        FindingRejectedException e = rejection(ingestion, payload);
        assertThat(e.violations()).extracting(Violation::rule).containsExactly(Violation.STRING_TOO_LONG);
    }

    // ---------------------------------------------------------------- required fields

    record RequiredField(String sample, String pointer, String expectedPath, String expectedRule) {
        @Override
        public String toString() {
            return sample + " without " + pointer;
        }
    }

    @Provide
    Arbitrary<RequiredField> requiredFields() {
        List<RequiredField> fields = new ArrayList<>();
        String gd = "guardduty/Recon_EC2_Portscan.json";
        for (String field : List.of(
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
                "resource/resourceType",
                "resource/instanceDetails",
                "resource/instanceDetails/instanceId",
                "service",
                "service/serviceName")) {
            fields.add(new RequiredField(gd, "/" + field, "$." + field.replace('/', '.'), Violation.REQUIRED));
        }
        String gdEvent =
                "guardduty-event/iam-UnauthorizedAccess_IAMUser_InstanceCredentialExfiltration.OutsideAWS.json";
        fields.add(new RequiredField(gdEvent, "/detail", "$.detail", Violation.REQUIRED));
        for (String field :
                List.of("id", "type", "resource/accessKeyDetails", "resource/accessKeyDetails/accessKeyId")) {
            fields.add(new RequiredField(
                    gdEvent, "/detail/" + field, "$.detail." + field.replace('/', '.'), Violation.REQUIRED));
        }
        String asffEvent = "asff-event/batch-ec2-iam-s3.json";
        for (String field : List.of(
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
                "Resources",
                "Resources/0/Type",
                "Resources/0/Id")) {
            fields.add(new RequiredField(
                    asffEvent,
                    "/detail/findings/2/" + field,
                    "$.detail.findings[2]." + field.replace("/0/", "[0].").replace('/', '.'),
                    Violation.REQUIRED));
        }
        fields.add(new RequiredField(asffEvent, "/detail/findings", "$.detail.findings", Violation.REQUIRED));
        String asffBatch = "asff/batch-ec2-iam-s3.json";
        fields.add(new RequiredField(
                asffBatch, "/Findings/0/AwsAccountId", "$.Findings[0].AwsAccountId", Violation.REQUIRED));
        String ocsf = "ocsf/ec2-Backdoor_EC2_C_CActivity.B.json";
        for (String field : List.of(
                "category_uid",
                "activity_id",
                "severity_id",
                "time",
                "finding_info",
                "finding_info/uid",
                "finding_info/title",
                "metadata",
                "metadata/version",
                "observables/0/type_id")) {
            fields.add(new RequiredField(
                    ocsf, "/" + field, "$." + field.replace("/0/", "[0].").replace('/', '.'), Violation.REQUIRED));
        }
        // class_uid is what identifies OCSF: without it the format is unknown, and the message says so.
        fields.add(new RequiredField(ocsf, "/class_uid", "$", Violation.FORMAT_UNKNOWN));
        String plain = "plain/iam-leaked-access-key.json";
        for (String field : List.of("resources/0/type", "resources/0/id", "indicators/1/type", "indicators/1/value")) {
            fields.add(new RequiredField(
                    plain,
                    "/" + field,
                    "$." + field.replaceAll("/(\\d)/", "[$1].").replace('/', '.'),
                    Violation.REQUIRED));
        }
        fields.add(new RequiredField(plain, "/title", "$", Violation.FORMAT_UNKNOWN));
        return Arbitraries.of(fields);
    }

    @Property
    void ingest_requiredFieldRemoved_violationNamesThatField(@ForAll("requiredFields") RequiredField field) {
        JsonNode root = JSON.readTree(SampleFindings.read(field.sample()));
        JsonPointer pointer = JsonPointer.compile(field.pointer());
        JsonNode parent = root.at(pointer.head());
        assertThat(parent.has(pointer.last().getMatchingProperty()))
                .as("sample has %s", field.pointer())
                .isTrue();
        ((ObjectNode) parent).remove(pointer.last().getMatchingProperty());

        FindingRejectedException e = rejection(INGESTION, JSON.writeValueAsBytes(root));
        assertThat(e.violations())
                .extracting(Violation::path, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(field.expectedPath(), field.expectedRule()));
        if (field.expectedRule().equals(Violation.FORMAT_UNKNOWN)) {
            assertThat(e.violations().get(0).message()).contains(pointer.last().getMatchingProperty());
        }
    }

    // ---------------------------------------------------------------- valid findings round-trip

    @Property(tries = 300)
    void ingest_generatedGuardDutyFinding_roundTripsKeyFields(
            @ForAll("accountIds") String accountId,
            @ForAll("regions") String region,
            @ForAll("hex32") String id,
            @ForAll @IntRange(min = 0, max = 100) int severityTenths,
            @ForAll("instants") Instant createdAt,
            @ForAll @IntRange(min = 0, max = 86_400) int updateDelaySeconds,
            @ForAll("ipv4") String remoteIp,
            @ForAll("titles") String title,
            @ForAll boolean wrapInEvent) {
        ObjectNode finding = (ObjectNode) JSON.readTree(SampleFindings.read("guardduty/Recon_EC2_Portscan.json"));
        double severity = severityTenths / 10.0;
        Instant updatedAt = createdAt.plusSeconds(updateDelaySeconds);
        finding.put("accountId", accountId);
        finding.put("region", region);
        finding.put("id", id);
        finding.put("arn", "arn:aws:guardduty:" + region + ":" + accountId + ":detector/abc123/finding/" + id);
        finding.put("severity", severity);
        finding.put("title", title);
        finding.put("createdAt", createdAt.toString());
        finding.put("updatedAt", updatedAt.toString());
        ObjectNode service = (ObjectNode) finding.get("service");
        service.remove("eventFirstSeen");
        service.remove("eventLastSeen");
        ((ObjectNode) finding.at("/service/action/networkConnectionAction/remoteIpDetails"))
                .put("ipAddressV4", remoteIp);
        JsonNode payload = finding;
        if (wrapInEvent) {
            ObjectNode event = NODES.objectNode();
            event.put("version", "0");
            event.put("detail-type", "GuardDuty Finding");
            event.put("source", "aws.guardduty");
            event.set("detail", finding);
            payload = event;
        }
        IngestionResult result = INGESTION.ingest(JSON.writeValueAsBytes(payload), RECEIVED);

        assertThat(result.format()).isEqualTo(wrapInEvent ? FindingFormat.GUARDDUTY_EVENT : FindingFormat.GUARDDUTY);
        Finding mapped = result.findings().get(0);
        assertThat(mapped.sourceFindingId()).isEqualTo(id);
        assertThat(mapped.findingType()).isEqualTo("Recon:EC2/Portscan");
        assertThat(mapped.title()).isEqualTo(title);
        assertThat(mapped.sourceSeverityScore()).isEqualTo(severity);
        assertThat(mapped.severity()).isEqualTo(Severity.fromGuardDutyScore(severity));
        assertThat(mapped.accountId()).contains(accountId);
        assertThat(mapped.region()).contains(region);
        assertThat(mapped.firstSeen()).isEqualTo(createdAt);
        assertThat(mapped.lastSeen()).isEqualTo(updatedAt);
        assertThat(mapped.indicators()).contains(Indicator.of(IndicatorType.IPV4, remoteIp));
        assertThat(mapped.primaryResource()).map(Resource::type).contains(ResourceType.EC2_INSTANCE);
    }

    @Property(tries = 300)
    void ingest_generatedAsffFinding_roundTripsKeyFields(
            @ForAll("accountIds") String accountId,
            @ForAll("titles") String id,
            @ForAll("severityLabels") String label,
            @ForAll @IntRange(min = 0, max = 100) int normalized,
            @ForAll boolean withLabel,
            @ForAll("instants") Instant createdAt,
            @ForAll("ipv4") String sourceIp,
            @ForAll("asffTypes") String type) {
        ObjectNode finding = (ObjectNode) JSON.readTree(SampleFindings.read(
                "asff/iam-UnauthorizedAccess_IAMUser_InstanceCredentialExfiltration.OutsideAWS.json"));
        finding.put("Id", id);
        finding.put("AwsAccountId", accountId);
        finding.putArray("Types").add(type);
        ObjectNode severity = finding.putObject("Severity");
        if (withLabel) {
            severity.put("Label", label);
        }
        severity.put("Normalized", normalized);
        finding.put("CreatedAt", createdAt.toString());
        finding.put("UpdatedAt", createdAt.toString());
        finding.remove("FirstObservedAt");
        finding.remove("LastObservedAt");
        ((ObjectNode) finding.get("Network")).put("SourceIpV4", sourceIp);

        Finding mapped = INGESTION
                .ingest(JSON.writeValueAsBytes(finding), RECEIVED)
                .findings()
                .get(0);
        assertThat(mapped.sourceFindingId()).isEqualTo(id);
        assertThat(mapped.findingType()).isEqualTo(type);
        assertThat(mapped.accountId()).contains(accountId);
        assertThat(mapped.severity())
                .isEqualTo(withLabel ? Severity.parseLabel(label) : Severity.fromAsffNormalized(normalized));
        assertThat(mapped.sourceSeverityScore()).isEqualTo(normalized);
        assertThat(mapped.firstSeen()).isEqualTo(createdAt);
        assertThat(mapped.indicators()).contains(Indicator.of(IndicatorType.IPV4, sourceIp));
        assertThat(mapped.primaryResource()).map(Resource::type).contains(ResourceType.IAM_ACCESS_KEY);
    }

    @Property(tries = 300)
    void ingest_generatedOcsfFinding_roundTripsKeyFields(
            @ForAll("accountIds") String accountId,
            @ForAll("regions") String region,
            @ForAll("titles") String uid,
            @ForAll @IntRange(min = 1, max = 6) int severityId,
            @ForAll("instants") Instant time,
            @ForAll @IntRange(min = 0, max = 86_400) int durationSeconds,
            @ForAll("ipv4") String ip) {
        ObjectNode finding =
                (ObjectNode) JSON.readTree(SampleFindings.read("ocsf/ec2-Backdoor_EC2_C_CActivity.B.json"));
        Instant first = time.minusSeconds(durationSeconds);
        ((ObjectNode) finding.get("finding_info")).put("uid", uid);
        ((ObjectNode) finding.get("finding_info")).put("first_seen_time", first.toEpochMilli());
        ((ObjectNode) finding.get("finding_info")).put("last_seen_time", time.toEpochMilli());
        finding.put("severity_id", severityId);
        finding.put("time", time.toEpochMilli());
        ((ObjectNode) finding.at("/cloud/account")).put("uid", accountId);
        ((ObjectNode) finding.get("cloud")).put("region", region);
        ((ObjectNode) finding.at("/observables/0")).put("value", ip);

        Finding mapped = INGESTION
                .ingest(JSON.writeValueAsBytes(finding), RECEIVED)
                .findings()
                .get(0);
        assertThat(mapped.sourceFindingId()).isEqualTo(uid);
        assertThat(mapped.severity())
                .isEqualTo(Severity.fromOcsfSeverityId(severityId).orElseThrow());
        assertThat(mapped.sourceSeverityScore()).isEqualTo(severityId);
        assertThat(mapped.accountId()).contains(accountId);
        assertThat(mapped.region()).contains(region);
        assertThat(mapped.firstSeen()).isEqualTo(first);
        assertThat(mapped.lastSeen()).isEqualTo(time);
        assertThat(mapped.indicators()).contains(Indicator.of(IndicatorType.IPV4, ip));
    }

    @Property(tries = 300)
    void ingest_generatedPlainThreat_roundTripsKeyFields(
            @ForAll("titles") String title,
            @ForAll("severityLabels") String label,
            @ForAll boolean lowerCase,
            @ForAll ResourceType resourceType,
            @ForAll("titles") String resourceId,
            @ForAll @Size(min = 1, max = 10) List<@net.jqwik.api.From("ipv4") String> ips) {
        ObjectNode threat = NODES.objectNode();
        threat.put("title", title);
        threat.put("severity", lowerCase ? label.toLowerCase(Locale.ROOT) : label);
        threat.putArray("resources")
                .addObject()
                .put("type", resourceType.name())
                .put("id", resourceId);
        ArrayNode indicators = threat.putArray("indicators");
        ips.forEach(ip -> indicators.addObject().put("type", "IPV4").put("value", ip.replace(".", "[.]")));

        Finding mapped = INGESTION
                .ingest(JSON.writeValueAsBytes(threat), RECEIVED)
                .findings()
                .get(0);
        assertThat(mapped.title()).isEqualTo(title);
        assertThat(mapped.severity()).isEqualTo(Severity.parseLabel(label));
        assertThat(mapped.resources()).singleElement().satisfies(resource -> {
            assertThat(resource.type()).isEqualTo(resourceType);
            assertThat(resource.id()).isEqualTo(resourceId);
        });
        assertThat(mapped.indicators())
                .containsExactlyElementsOf(ips.stream()
                        .map(ip -> Indicator.of(IndicatorType.IPV4, ip))
                        .distinct()
                        .toList());
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> samplePaths() {
        return Arbitraries.of(SampleFindings.paths());
    }

    @Provide
    Arbitrary<String> accountIds() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    @Provide
    Arbitrary<String> hex32() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars(" -_.:/éü€漢")
                .ofMinLength(1)
                .ofMaxLength(120)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> severityLabels() {
        return Arbitraries.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    }

    @Provide
    Arbitrary<String> asffTypes() {
        Arbitrary<String> segment = Arbitraries.strings()
                .alpha()
                .withChars(" :-")
                .ofMinLength(1)
                .ofMaxLength(20)
                .filter(s -> !s.isBlank());
        return segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("2015-01-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("2035-01-01T00:00:00Z").toEpochMilli())
                .map(Instant::ofEpochMilli)
                .map(instant -> instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Provide
    Arbitrary<String> ipv4() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
    }

    private static final List<String> KEYS = List.of(
            "title",
            "description",
            "source",
            "severity",
            "resources",
            "indicators",
            "type",
            "id",
            "value",
            "region",
            "accountId",
            "schemaVersion",
            "arn",
            "resource",
            "resourceType",
            "instanceDetails",
            "instanceId",
            "service",
            "serviceName",
            "action",
            "actionType",
            "networkConnectionAction",
            "remoteIpDetails",
            "ipAddressV4",
            "createdAt",
            "updatedAt",
            "SchemaVersion",
            "Id",
            "ProductArn",
            "GeneratorId",
            "AwsAccountId",
            "Types",
            "CreatedAt",
            "UpdatedAt",
            "Severity",
            "Label",
            "Normalized",
            "Title",
            "Description",
            "Resources",
            "Type",
            "Findings",
            "Network",
            "SourceIpV4",
            "ThreatIntelIndicators",
            "Value",
            "class_uid",
            "category_uid",
            "activity_id",
            "severity_id",
            "time",
            "finding_info",
            "uid",
            "metadata",
            "version",
            "cloud",
            "account",
            "observables",
            "type_id",
            "detail-type",
            "detail",
            "findings",
            "tags",
            "key",
            "labels",
            "s3BucketDetails",
            "accessKeyDetails",
            "accessKeyId",
            "name",
            "portProbeAction",
            "portProbeDetails",
            "dnsRequestAction",
            "domain",
            "firstSeen",
            "lastSeen",
            "eventFirstSeen",
            "eventLastSeen",
            "Tags",
            "Details");

    private static final List<String> STRING_VALUES = List.of(
            "guardduty",
            "aws.guardduty",
            "GuardDuty Finding",
            "aws.securityhub",
            "Security Hub Findings - Imported",
            "Instance",
            "AccessKey",
            "S3Bucket",
            "EKSCluster",
            "Lambda",
            "AwsEc2Instance",
            "AwsIamAccessKey",
            "HIGH",
            "high",
            "LOW",
            "IPV4",
            "IPV4_ADDRESS",
            "DOMAIN",
            "EC2_INSTANCE",
            "123456789012",
            "us-east-1",
            "2025-06-01T10:00:00Z",
            "2025-13-01T10:00:00Z",
            "198.51.100.7",
            "10.0.0.1",
            "2001:db8::1",
            "example.com",
            "hxxp://evil[.]example[.]com",
            "arn:aws:guardduty:us-east-1:123456789012:detector/a/finding/b",
            "arn:aws:securityhub:us-east-1::product/aws/guardduty",
            "i-0123456789abcdef0",
            "AKIAIOSFODNN7EXAMPLE",
            "Recon:EC2/Portscan",
            "TTPs/Discovery/Recon",
            "",
            " ");

    /** Random objects, mostly built on the markers of one format so that fuzzing reaches the parsers. */
    @Provide
    Arbitrary<JsonNode> jsonObjects() {
        Arbitrary<JsonNode> random = objects(3);
        Arbitrary<JsonNode> shaped = Combinators.combine(Arbitraries.integers().between(0, 6), objects(3), objects(2))
                .as((skeleton, extra, inner) -> {
                    ObjectNode root = NODES.objectNode();
                    switch (skeleton) {
                        case 0 -> root.put("title", "t").put("description", "d");
                        case 1 ->
                            root.put("schemaVersion", "2.0")
                                    .putObject("service")
                                    .put("serviceName", "guardduty");
                        case 2 ->
                            root.put("SchemaVersion", "2018-10-08")
                                    .put("ProductArn", "arn:aws:securityhub:us-east-1::product/aws/guardduty");
                        case 3 -> root.putArray("Findings").add(inner);
                        case 4 -> root.put("class_uid", 2004);
                        case 5 ->
                            root.put("source", "aws.guardduty")
                                    .put("detail-type", "GuardDuty Finding")
                                    .set("detail", inner);
                        default ->
                            root.put("source", "aws.securityhub")
                                    .put("detail-type", "Security Hub Findings - Imported")
                                    .putObject("detail")
                                    .putArray("findings")
                                    .add(inner);
                    }
                    extra.properties().forEach(entry -> {
                        if (!root.has(entry.getKey())) {
                            root.set(entry.getKey(), entry.getValue());
                        }
                    });
                    return (JsonNode) root;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(3, shaped));
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        return values(2);
    }

    private Arbitrary<JsonNode> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of(STRING_VALUES).map(NODES::stringNode),
                Arbitraries.strings().ofMaxLength(30).map(NODES::stringNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(0, 1, 2, 4, 5, 6, 7, 99, 2004, 3002, 200401, -1).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    private Arbitrary<JsonNode> values(int depth) {
        if (depth == 0) {
            return leaves();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaves()),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(3).map(list -> {
                    ArrayNode array = NODES.arrayNode();
                    list.forEach(array::add);
                    return (JsonNode) array;
                })),
                Tuple.of(2, objects(depth - 1)));
    }

    private Arbitrary<JsonNode> objects(int depth) {
        Arbitrary<String> key =
                Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(10));
        return Combinators.combine(key, values(Math.max(depth - 1, 0)))
                .as(Tuple::of)
                .list()
                .ofMaxSize(8)
                .map(entries -> {
                    ObjectNode object = NODES.objectNode();
                    entries.forEach(entry -> object.set(entry.get1(), entry.get2()));
                    return (JsonNode) object;
                });
    }

    private static void collectPointers(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                JsonPointer child = at.appendProperty(entry.getKey());
                out.add(child);
                collectPointers(entry.getValue(), child, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonPointer child = at.appendIndex(i);
                out.add(child);
                collectPointers(node.get(i), child, out);
            }
        }
    }

    private static FindingRejectedException rejection(FindingIngestion ingestion, byte[] payload) {
        FindingRejectedException e =
                catchThrowableOfType(FindingRejectedException.class, () -> ingestion.ingest(payload, RECEIVED));
        assertThat(e).as("payload must be rejected").isNotNull();
        return e;
    }
}
