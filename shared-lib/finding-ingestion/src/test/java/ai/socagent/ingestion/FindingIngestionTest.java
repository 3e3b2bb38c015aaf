package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.FindingSource;
import ai.socagent.domain.finding.RawPayloadReference;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class FindingIngestionTest {

    static final Instant RECEIVED = Instant.parse("2025-07-01T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FindingIngestion INGESTION = FindingIngestion.withDefaults();

    static ObjectNode sample(String path) {
        return (ObjectNode) JSON.readTree(SampleFindings.read(path));
    }

    static FindingRejectedException rejection(FindingIngestion ingestion, byte[] payload) {
        FindingRejectedException e =
                catchThrowableOfType(FindingRejectedException.class, () -> ingestion.ingest(payload, RECEIVED));
        assertThat(e).as("payload must be rejected").isNotNull();
        return e;
    }

    static FindingRejectedException rejection(String payload) {
        return rejection(INGESTION, payload.getBytes(StandardCharsets.UTF_8));
    }

    static String onlyRule(FindingRejectedException e) {
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0).rule();
    }

    // ---------------------------------------------------------------- limits

    @Test
    void ingest_payloadOverSizeLimit_rejectedBeforeParsing() {
        FindingIngestion small = new FindingIngestion(new IngestionLimits(100, 64, 1000, 10));
        byte[] payload = new byte[101];
        Arrays.fill(payload, (byte) '{');
        FindingRejectedException e = rejection(small, payload);
        assertThat(onlyRule(e)).isEqualTo(Violation.PAYLOAD_TOO_LARGE);
        assertThat(e.violations().get(0).path()).isEqualTo("$");
        assertThat(e.violations().get(0).message()).contains("101").contains("100");
    }

    @Test
    void ingest_payloadExactlyAtSizeLimit_accepted() {
        String threat = "{\"title\":\"t\",\"description\":\"d\"}";
        FindingIngestion small = new FindingIngestion(new IngestionLimits(64, 64, 1000, 10));
        String padded = threat + " ".repeat(64 - threat.length());
        assertThat(small.ingest(padded.getBytes(StandardCharsets.UTF_8), RECEIVED)
                        .findings())
                .hasSize(1);
    }

    @Test
    void ingest_stringPayloadOverLimit_measuredInUtf8Bytes() {
        FindingIngestion small = new FindingIngestion(new IngestionLimits(64, 64, 1000, 10));
        // 30 characters of 3 UTF-8 bytes each: 90 bytes, over the 64-byte limit.
        String payload = "{\"title\":\"" + "€".repeat(30) + "\",\"source\":\"x\"}";
        FindingRejectedException e =
                catchThrowableOfType(FindingRejectedException.class, () -> small.ingest(payload, RECEIVED));
        assertThat(onlyRule(e)).isEqualTo(Violation.PAYLOAD_TOO_LARGE);
    }

    @Test
    void ingest_nestingAtLimit_acceptedAndOneDeeper_rejectedAsTooDeep() {
        // The root object is level 1; "extra" adds (depth - 1) nested arrays.
        assertThat(INGESTION.ingest(nested(64), RECEIVED).findings()).hasSize(1);
        FindingRejectedException e = rejection(nested(65));
        assertThat(onlyRule(e)).isEqualTo(Violation.JSON_TOO_DEEP);
        assertThat(e.violations().get(0).path()).startsWith("$.extra");
    }

    private static String nested(int depth) {
        return "{\"title\":\"t\",\"description\":\"d\",\"extra\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1)
                + "}";
    }

    @Test
    void ingest_stringOverLengthLimit_rejectedAsTooLongWithItsPath() {
        FindingRejectedException e = rejection("{\"title\":\"t\",\"description\":\""
                + "a".repeat(IngestionLimits.DEFAULT_MAX_STRING_LENGTH + 1) + "\"}");
        assertThat(onlyRule(e)).isEqualTo(Violation.STRING_TOO_LONG);
        assertThat(e.violations().get(0).path()).isEqualTo("$.description");
    }

    @Test
    void ingest_propertyNameOverLengthLimit_rejectedAsTooLong() {
        FindingIngestion small = new FindingIngestion(new IngestionLimits(4096, 64, 100, 10));
        FindingRejectedException e =
                rejection(small, ("{\"title\":\"t\",\"" + "k".repeat(101) + "\":1}").getBytes(StandardCharsets.UTF_8));
        assertThat(onlyRule(e)).isEqualTo(Violation.STRING_TOO_LONG);
    }

    @Test
    void ingest_moreFindingsThanLimit_rejectedWithSizeOnTheArray() {
        FindingIngestion small = new FindingIngestion(new IngestionLimits(1024 * 1024, 64, 65536, 2));
        ObjectNode batch = sample("asff/batch-ec2-iam-s3.json");
        FindingRejectedException e = rejection(small, JSON.writeValueAsBytes(batch));
        assertThat(onlyRule(e)).isEqualTo(Violation.SIZE);
        assertThat(e.violations().get(0).path()).isEqualTo("$.Findings");

        ObjectNode event = sample("asff-event/batch-ec2-iam-s3.json");
        FindingRejectedException eventRejection = rejection(small, JSON.writeValueAsBytes(event));
        assertThat(eventRejection.violations()).extracting(Violation::path).containsExactly("$.detail.findings");
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void ingest_malformedJson_reportsLineAndColumn() {
        FindingRejectedException e = rejection("{\n  \"title\": \"x\",\n  \"description\": ]\n}");
        assertThat(onlyRule(e)).isEqualTo(Violation.JSON_MALFORMED);
        assertThat(e.violations().get(0).message()).contains("line 3").contains("column");
    }

    @Test
    void ingest_invalidUtf8_rejectedAsMalformed() {
        byte[] payload = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(onlyRule(rejection(INGESTION, payload))).isEqualTo(Violation.JSON_MALFORMED);
    }

    @Test
    void ingest_unpairedSurrogateInString_rejectedAsMalformed() {
        FindingRejectedException e = catchThrowableOfType(
                FindingRejectedException.class,
                () -> INGESTION.ingest("{\"title\":\"\uD800\",\"source\":\"x\"}", RECEIVED));
        assertThat(onlyRule(e)).isEqualTo(Violation.JSON_MALFORMED);
    }

    @Test
    void ingest_emptyOrBlankPayload_rejectedAsMalformed() {
        assertThat(onlyRule(rejection(INGESTION, new byte[0]))).isEqualTo(Violation.JSON_MALFORMED);
        assertThat(onlyRule(rejection("  \n "))).isEqualTo(Violation.JSON_MALFORMED);
    }

    @Test
    void ingest_trailingContent_rejectedAsMalformed() {
        FindingRejectedException e = rejection("{\"title\":\"t\",\"source\":\"s\"} {\"title\":\"u\"}");
        assertThat(onlyRule(e)).isEqualTo(Violation.JSON_MALFORMED);
        assertThat(e.violations().get(0).message()).contains("line 1").containsIgnoringCase("trailing");
    }

    @Test
    void ingest_byteOrderMark_ignoredAndNotPartOfRawPayload() {
        String threat = "{\"title\":\"t\",\"source\":\"s\"}";
        byte[] withBom = ("\uFEFF" + threat).getBytes(StandardCharsets.UTF_8);
        IngestionResult result = INGESTION.ingest(withBom, RECEIVED);
        assertThat(result.rawPayloads()).containsExactly(threat);
        assertThat(result.findings().get(0).rawPayload()).isEqualTo(RawPayloadReference.of(threat));
    }

    // ---------------------------------------------------------------- detection

    @Test
    void detect_nonObjectRoot_formatUnknown() {
        FindingRejectedException e = rejection("[{\"title\":\"t\",\"source\":\"s\"}]");
        assertThat(onlyRule(e)).isEqualTo(Violation.FORMAT_UNKNOWN);
        assertThat(e.violations().get(0).message()).contains("JSON array").contains("Looked for");
    }

    @Test
    void detect_unsupportedEventBridgeEvent_namesWhatItSaw() {
        FindingRejectedException e =
                rejection("{\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Malware Scan\",\"detail\":{}}");
        assertThat(onlyRule(e)).isEqualTo(Violation.FORMAT_UNKNOWN);
        assertThat(e.violations().get(0).message())
                .contains("'aws.guardduty'")
                .contains("'GuardDuty Malware Scan'")
                .contains("Security Hub Findings - Imported");
    }

    @Test
    void detect_markersOfTwoFormats_ambiguousNeverGuessed() {
        ObjectNode ocsf = sample("ocsf/ec2-Backdoor_EC2_C_CActivity.B.json");
        ocsf.put("ProductArn", "arn:aws:securityhub:us-east-1::product/aws/guardduty");
        ocsf.put("SchemaVersion", "2018-10-08");
        FindingRejectedException e = rejection(INGESTION, JSON.writeValueAsBytes(ocsf));
        assertThat(onlyRule(e)).isEqualTo(Violation.FORMAT_UNKNOWN);
        assertThat(e.violations().get(0).message())
                .contains("ambiguous")
                .contains("ASFF")
                .contains("OCSF");
    }

    @Test
    void detect_titleOnly_isNoPlainThreat() {
        FindingRejectedException e = rejection("{\"title\":\"only a title\"}");
        assertThat(onlyRule(e)).isEqualTo(Violation.FORMAT_UNKNOWN);
        assertThat(e.violations().get(0).message()).contains("title").contains("description");
    }

    @Test
    void detect_guardDutyWithoutResourceType_reportsTheMissingField() {
        ObjectNode finding = sample("guardduty/Recon_EC2_Portscan.json");
        ((ObjectNode) finding.get("resource")).remove("resourceType");
        FindingRejectedException e = rejection(INGESTION, JSON.writeValueAsBytes(finding));
        assertThat(e.violations())
                .extracting(Violation::path, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.resource.resourceType", "required"));
    }

    @Test
    void detect_eachFormat_recognised() {
        assertThat(FindingFormatDetector.detect(sample("guardduty/Recon_EC2_Portscan.json")))
                .isEqualTo(FindingFormat.GUARDDUTY);
        assertThat(FindingFormatDetector.detect(sample("asff/ec2-Backdoor_EC2_C_CActivity.B.json")))
                .isEqualTo(FindingFormat.ASFF);
        assertThat(FindingFormatDetector.detect(JSON.readTree("{\"Findings\":[]}")))
                .isEqualTo(FindingFormat.ASFF);
        assertThat(FindingFormatDetector.detect(sample("ocsf/ec2-Backdoor_EC2_C_CActivity.B.json")))
                .isEqualTo(FindingFormat.OCSF_DETECTION_FINDING);
        assertThat(FindingFormatDetector.detect(JSON.readTree("{\"title\":\"t\",\"indicators\":[]}")))
                .isEqualTo(FindingFormat.PLAIN_THREAT);
    }

    // ---------------------------------------------------------------- mapping

    @Test
    void ingest_guardDutyFinding_mapsKeyFields() {
        ObjectNode json = sample("guardduty/Recon_EC2_Portscan.json");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        String id = json.get("id").stringValue();
        assertThat(finding.findingId()).isEqualTo(Finding.deterministicId(FindingSource.GUARDDUTY, id));
        assertThat(finding.sourceFindingId()).isEqualTo(id);
        assertThat(finding.findingType()).isEqualTo("Recon:EC2/Portscan");
        assertThat(finding.sourceSeverityScore()).isEqualTo(json.get("severity").doubleValue());
        assertThat(finding.accountId()).contains(json.get("accountId").stringValue());
        assertThat(finding.firstSeen())
                .isEqualTo(
                        Instant.parse(json.get("service").get("eventFirstSeen").stringValue()));
        Resource instance = finding.primaryResource().orElseThrow();
        String instanceId = json.at("/resource/instanceDetails/instanceId").stringValue();
        assertThat(instance.id()).isEqualTo(instanceId);
        assertThat(instance.arn()).hasValueSatisfying(arn -> assertThat(arn).endsWith(":instance/" + instanceId));
        assertThat(instance.tags()).containsKey("Name");
        assertThat(instance.details()).containsKeys("instanceType", "privateIpAddress", "publicIp", "vpcId");
        String remote = json.at("/service/action/networkConnectionAction/remoteIpDetails/ipAddressV4")
                .stringValue();
        assertThat(finding.indicators()).contains(Indicator.of(IndicatorType.IPV4, remote));
    }

    @Test
    void ingest_guardDutyAccessKeyFinding_yieldsKeyAndPrincipalResources() {
        ObjectNode json = sample("guardduty/Stealth_IAMUser_CloudTrailLoggingDisabled.json");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        String key = json.at("/resource/accessKeyDetails/accessKeyId").stringValue();
        assertThat(finding.resources())
                .extracting(Resource::type, Resource::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ResourceType.IAM_ACCESS_KEY, key),
                        org.assertj.core.groups.Tuple.tuple(
                                ResourceType.IAM_USER,
                                json.at("/resource/accessKeyDetails/userName").stringValue()));
        assertThat(finding.indicators()).contains(Indicator.of(IndicatorType.AWS_ACCESS_KEY_ID, key));
    }

    @Test
    void ingest_guardDutyUnknownResourceType_mapsToOther() {
        ObjectNode json = sample("guardduty/Recon_EC2_Portscan.json");
        ObjectNode resource = (ObjectNode) json.get("resource");
        resource.removeAll();
        resource.put("resourceType", "EBSVolume");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        assertThat(finding.primaryResource()).map(Resource::type).contains(ResourceType.OTHER);
        assertThat(finding.primaryResource().orElseThrow().details()).containsEntry("resourceType", "EBSVolume");
    }

    @Test
    void ingest_asffLabelOnly_scoreIsSecurityHubDefaultForLabel() {
        ObjectNode json = sample("asff/ec2-Backdoor_EC2_C_CActivity.B.json");
        ObjectNode severity = (ObjectNode) json.get("Severity");
        severity.removeAll();
        severity.put("Label", "HIGH");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
        assertThat(finding.sourceSeverityScore()).isEqualTo(70.0);
        assertThat(finding.source()).isEqualTo(FindingSource.SECURITY_HUB);
        assertThat(finding.findingType()).isEqualTo(json.get("Types").get(0).stringValue());
    }

    @Test
    void ingest_asffNormalizedOnly_severityFromBand() {
        ObjectNode json = sample("asff/ec2-Backdoor_EC2_C_CActivity.B.json");
        ObjectNode severity = (ObjectNode) json.get("Severity");
        severity.removeAll();
        severity.put("Normalized", 39);
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        assertThat(finding.severity()).isEqualTo(Severity.LOW);
        assertThat(finding.sourceSeverityScore()).isEqualTo(39.0);
    }

    @Test
    void ingest_asffResources_mapTypeIdArnAndAccessKey() {
        Finding ec2 = INGESTION
                .ingest(SampleFindings.read("asff/ec2-Backdoor_EC2_C_CActivity.B.json"), RECEIVED)
                .findings()
                .get(0);
        Resource instance = ec2.primaryResource().orElseThrow();
        assertThat(instance.id()).startsWith("i-");
        assertThat(instance.arn()).hasValueSatisfying(arn -> assertThat(arn).contains(":instance/"));
        assertThat(instance.details()).containsKeys("Type", "ImageId", "IpV4Addresses");

        ObjectNode iamJson =
                sample("asff/iam-UnauthorizedAccess_IAMUser_InstanceCredentialExfiltration.OutsideAWS.json");
        Finding iam = INGESTION
                .ingest(JSON.writeValueAsBytes(iamJson), RECEIVED)
                .findings()
                .get(0);
        String key = iamJson.at("/Resources/0/Id").stringValue().substring("AWS::IAM::AccessKey:".length());
        assertThat(iam.primaryResource()).map(Resource::id).contains(key);
        assertThat(iam.indicators()).contains(Indicator.of(IndicatorType.AWS_ACCESS_KEY_ID, key));
    }

    @Test
    void ingest_ocsfUnknownSeverityId_fallsBackToCaptionThenMedium() {
        ObjectNode json = sample("ocsf/ec2-Backdoor_EC2_C_CActivity.B.json");
        json.put("severity_id", 0);
        json.put("severity", "High");
        assertThat(INGESTION
                        .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                        .findings()
                        .get(0)
                        .severity())
                .isEqualTo(Severity.HIGH);
        json.put("severity_id", 99);
        json.remove("severity");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.sourceSeverityScore()).isEqualTo(99.0);
    }

    @Test
    void ingest_ocsfFinding_mapsKeyFields() {
        ObjectNode json = sample("ocsf/s3-Exfiltration_S3_MaliciousIPCaller.json");
        Finding finding = INGESTION
                .ingest(JSON.writeValueAsBytes(json), RECEIVED)
                .findings()
                .get(0);
        assertThat(finding.sourceFindingId())
                .isEqualTo(json.at("/finding_info/uid").stringValue());
        assertThat(finding.findingType()).isEqualTo("Exfiltration:S3/MaliciousIPCaller");
        assertThat(finding.firstSeen())
                .isEqualTo(Instant.ofEpochMilli(
                        json.at("/finding_info/first_seen_time").longValue()));
        assertThat(finding.region()).contains(json.at("/cloud/region").stringValue());
        assertThat(finding.resources())
                .extracting(Resource::type)
                .containsExactly(ResourceType.S3_BUCKET, ResourceType.IAM_ACCESS_KEY, ResourceType.IAM_USER);
        assertThat(finding.primaryResource().orElseThrow().tags()).containsKey("DataClassification");
    }

    @Test
    void ingest_plainThreatWithDefaults_usesDocumentedDefaults() {
        String payload = "{\"title\":\"Suspicious login\",\"description\":\"seen by analyst\"}";
        Finding finding = INGESTION.ingest(payload, RECEIVED).findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.sourceSeverityScore()).isEqualTo(2.0);
        assertThat(finding.findingType()).isEqualTo("PlainThreat");
        assertThat(finding.sourceFindingId()).startsWith("sha256:").hasSize("sha256:".length() + 64);
        assertThat(finding.firstSeen()).isEqualTo(RECEIVED);
        assertThat(finding.lastSeen()).isEqualTo(RECEIVED);
        assertThat(finding.source()).isEqualTo(FindingSource.API);
        assertThat(INGESTION
                        .ingest(payload, RECEIVED.plusSeconds(5))
                        .findings()
                        .get(0)
                        .findingId())
                .isEqualTo(finding.findingId());
    }

    @Test
    void ingest_plainThreatWithClientIdAndDefangedIndicators_refangsAndUsesId() {
        String payload = "{\"id\":\"ticket-4711\",\"title\":\"Phishing\",\"severity\":\"info\",\"indicators\":["
                + "{\"type\":\"url\",\"value\":\"hxxps://login[.]example[.]com/x\"},"
                + "{\"type\":\"EMAIL\",\"value\":\"ceo[@]Example[.]COM\"}]}";
        Finding finding = INGESTION.ingest(payload, RECEIVED).findings().get(0);
        assertThat(finding.sourceFindingId()).isEqualTo("ticket-4711");
        assertThat(finding.severity()).isEqualTo(Severity.INFORMATIONAL);
        assertThat(finding.indicators())
                .containsExactly(
                        Indicator.of(IndicatorType.URL, "https://login.example.com/x"),
                        Indicator.of(IndicatorType.EMAIL, "ceo@example.com"));
    }

    @Test
    void ingest_asffBatch_rawPayloadOfEachFindingIsItsExactSubstring() {
        String text = new String(SampleFindings.read("asff/batch-ec2-iam-s3.json"), StandardCharsets.UTF_8);
        IngestionResult result = INGESTION.ingest(text, RECEIVED);
        List<Finding> findings = result.findings();
        ArrayNode array = (ArrayNode) JSON.readTree(text).get("Findings");
        assertThat(findings).hasSize(3);
        assertThat(result.rawPayloads()).hasSize(3).doesNotHaveDuplicates();
        int previousEnd = 0;
        for (int i = 0; i < findings.size(); i++) {
            String raw = result.rawPayloads().get(i);
            assertThat(findings.get(i).rawPayload()).isEqualTo(RawPayloadReference.of(raw));
            int start = text.indexOf(raw, previousEnd);
            assertThat(start).isGreaterThanOrEqualTo(previousEnd);
            assertThat(raw).startsWith("{").endsWith("}");
            assertThat(JSON.readTree(raw)).isEqualTo(array.get(i));
            previousEnd = start + raw.length();
        }
    }

    // ---------------------------------------------------------------- API behaviour

    @Test
    void ingest_stringAndBytes_giveTheSameResult() {
        byte[] bytes = SampleFindings.read("plain/s3-bulk-download.json");
        assertThat(INGESTION.ingest(new String(bytes, StandardCharsets.UTF_8), RECEIVED))
                .isEqualTo(INGESTION.ingest(bytes, RECEIVED));
    }

    @Test
    void ingest_withoutTimestamp_usesTheClock() {
        Instant now = Instant.parse("2025-08-08T08:08:08Z");
        FindingIngestion clocked = new FindingIngestion(IngestionLimits.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(clocked.ingest("{\"title\":\"t\",\"source\":\"s\"}")
                        .findings()
                        .get(0)
                        .receivedAt())
                .isEqualTo(now);
        assertThat(clocked.ingest(SampleFindings.read("plain/s3-bulk-download.json"))
                        .findings()
                        .get(0)
                        .receivedAt())
                .isEqualTo(now);
    }

    @Test
    void ingest_rejectedPayload_isNotModified() {
        byte[] payload = "{\"title\":\"t\",\"severity\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
        byte[] copy = payload.clone();
        rejection(INGESTION, payload);
        assertThat(payload).isEqualTo(copy);
    }

    @Test
    void rejection_severalViolations_messageSummarisesAndListIsImmutable() {
        FindingRejectedException e = rejection("{\"title\":\"t\",\"severity\":\"nope\",\"region\":\"x\"}");
        assertThat(e.getMessage())
                .startsWith("Finding rejected with 2 violation(s)")
                .contains("$.severity [enum]");
        assertThatThrownBy(() -> e.violations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new FindingRejectedException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limits_defaults_matchDocumentedValuesAndInvalidRefused() {
        IngestionLimits defaults = IngestionLimits.defaults();
        assertThat(defaults.maxPayloadBytes()).isEqualTo(256 * 1024);
        assertThat(defaults.maxNestingDepth()).isEqualTo(64);
        assertThat(defaults.maxStringLength()).isEqualTo(64 * 1024);
        assertThat(defaults.maxFindingsPerPayload()).isEqualTo(100);
        assertThatThrownBy(() -> new IngestionLimits(0, 1, 1, 1)).hasMessageContaining("maxPayloadBytes");
        assertThat(INGESTION.limits()).isEqualTo(defaults);
    }

    @Test
    void jsonPaths_nonIdentifierNames_useBracketNotation() {
        assertThat(JsonPaths.child("$", "detail-type")).isEqualTo("$['detail-type']");
        assertThat(JsonPaths.child("$", "it's")).isEqualTo("$['it\\'s']");
        assertThat(JsonPaths.index(JsonPaths.child("$", "Resources"), 0)).isEqualTo("$.Resources[0]");
    }
}
