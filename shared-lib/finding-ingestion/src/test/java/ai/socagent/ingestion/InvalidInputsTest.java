package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made invalid payloads under src/test/resources/invalid/ and the exact violations they must produce. */
class InvalidInputsTest {

    private static final FindingIngestion INGESTION = FindingIngestion.withDefaults();

    record Expected(String path, String rule) {}

    static Stream<Arguments> invalidInputs() {
        Map<String, List<Expected>> cases = Map.ofEntries(
                Map.entry(
                        "guardduty-bad-fields.json",
                        List.of(
                                new Expected("$.accountId", "pattern"),
                                new Expected("$.region", "pattern"),
                                new Expected("$.title", "required"),
                                new Expected("$.severity", "range"),
                                new Expected("$.createdAt", "pattern"),
                                new Expected("$.resource.instanceDetails.instanceId", "required"),
                                new Expected(
                                        "$.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
                                        "pattern"))),
                Map.entry(
                        "guardduty-event-bad-detail.json",
                        List.of(
                                new Expected("$.detail.type", "type"),
                                new Expected("$.detail.severity", "type"),
                                new Expected("$.detail.resource", "required"))),
                Map.entry(
                        "asff-bad-fields.json",
                        List.of(
                                new Expected("$.AwsAccountId", "pattern"),
                                new Expected("$.Types", "size"),
                                new Expected("$.UpdatedAt", "required"),
                                new Expected("$.Severity.Label", "enum"),
                                new Expected("$.Resources[0].Type", "required"),
                                new Expected("$.Resources[1].Region", "pattern"))),
                Map.entry(
                        "asff-event-second-finding-invalid.json",
                        List.of(
                                new Expected("$.detail.findings[1].Title", "required"),
                                new Expected("$.detail.findings[1].Network.SourceIpV4", "pattern"),
                                new Expected("$.detail.findings[1].ThreatIntelIndicators[0].Value", "pattern"),
                                new Expected("$.detail.findings[1].ThreatIntelIndicators[1].Type", "enum"))),
                Map.entry("asff-empty-batch.json", List.of(new Expected("$.Findings", "size"))),
                Map.entry(
                        "ocsf-bad-fields.json",
                        List.of(
                                new Expected("$.category_uid", "enum"),
                                new Expected("$.type_uid", "range"),
                                new Expected("$.severity_id", "enum"),
                                new Expected("$.time", "type"),
                                new Expected("$.finding_info.uid", "required"),
                                new Expected("$.metadata", "required"),
                                new Expected("$.cloud.account.uid", "pattern"),
                                new Expected("$.observables[0].value", "pattern"))),
                Map.entry("ocsf-unsupported-class.json", List.of(new Expected("$", "format.unknown"))),
                Map.entry(
                        "plain-bad-fields.json",
                        List.of(
                                new Expected("$.title", "size"),
                                new Expected("$.severity", "enum"),
                                new Expected("$.resources[0].type", "enum"),
                                new Expected("$.resources[0].id", "required"),
                                new Expected("$.indicators[0].type", "enum"),
                                new Expected("$.indicators[1].value", "pattern"),
                                new Expected("$.indicators[2].value", "pattern"))),
                Map.entry("eventbridge-unsupported-event.json", List.of(new Expected("$", "format.unknown"))),
                Map.entry("unknown-format.json", List.of(new Expected("$", "format.unknown"))),
                Map.entry("malformed.json", List.of(new Expected("$", "json.malformed"))),
                Map.entry("duplicate-keys.json", List.of(new Expected("$", "json.malformed"))));
        return cases.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void ingest_invalidInput_reportsExactlyTheExpectedViolations(String file, List<Expected> expected)
            throws IOException {
        byte[] payload;
        try (InputStream in = getClass().getResourceAsStream("/invalid/" + file)) {
            assertThat(in).as("test resource invalid/%s", file).isNotNull();
            payload = in.readAllBytes();
        }
        FindingRejectedException rejection = catchThrowableOfType(
                FindingRejectedException.class, () -> INGESTION.ingest(payload, Instant.parse("2025-07-01T00:00:00Z")));
        assertThat(rejection).as("%s must be rejected", file).isNotNull();
        assertThat(rejection.violations())
                .extracting(v -> new Expected(v.path(), v.rule()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rejection.violations())
                .allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }
}
