package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.RawPayloadReference;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.IndicatorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SampleFindingsTest {

    /** /work/shared sits beside the repository; the module runs from shared-lib/finding-ingestion. */
    static final Path FINDING_TYPES_CSV = Path.of("../../../shared/data/guardduty/finding-types.csv");

    private static final Instant RECEIVED = Instant.parse("2025-07-01T00:00:00Z");
    private static final FindingIngestion INGESTION = FindingIngestion.withDefaults();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, CsvRow> csv;

    record CsvRow(String findingType, String resource, String dataSource, String defaultSeverity) {}

    @BeforeAll
    static void readCsv() throws IOException {
        if (!Files.isRegularFile(FINDING_TYPES_CSV)) {
            fail("GuardDuty finding types CSV not found at "
                    + FINDING_TYPES_CSV.toAbsolutePath().normalize()
                    + " (expected /work/shared/data/guardduty/finding-types.csv beside the repository)");
        }
        List<String> lines = Files.readAllLines(FINDING_TYPES_CSV, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("finding_type,resource,data_source,default_severity");
        csv = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            assertThat(cells).as("CSV line %s", line).hasSize(4);
            csv.put(cells[0], new CsvRow(cells[0], cells[1], cells[2], cells[3]));
        }
    }

    static Stream<String> samples() {
        return SampleFindings.paths().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void ingest_everySample_acceptedWithExpectedFormatResourceAndIndicators(String path) {
        byte[] payload = SampleFindings.read(path);
        IngestionResult result = INGESTION.ingest(payload, RECEIVED);

        String directory = path.substring(0, path.indexOf('/'));
        String file = path.substring(path.indexOf('/') + 1);
        assertThat(result.format()).isEqualTo(expectedFormat(directory));
        List<ResourceType> expectedTypes = directory.equals("guardduty")
                ? List.of(expectedGuardDutyType(result.findings().get(0).findingType()))
                : expectedTypesFromPrefix(file);
        assertThat(result.findings()).hasSize(expectedTypes.size());
        for (int i = 0; i < expectedTypes.size(); i++) {
            Finding finding = result.findings().get(i);
            assertThat(finding.primaryResource()).map(Resource::type).as(path).contains(expectedTypes.get(i));
            assertThat(finding.indicators()).as("indicators of %s", path).isNotEmpty();
            assertThat(finding.receivedAt()).isEqualTo(RECEIVED);
            assertThat(finding.format()).isEqualTo(result.format());
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void ingest_everySample_rawPayloadIsVerbatimTextOfTheFinding(String path) {
        String text = new String(SampleFindings.read(path), StandardCharsets.UTF_8);
        IngestionResult result = INGESTION.ingest(text, RECEIVED);
        boolean batch = result.format() == FindingFormat.ASFF_EVENT
                || (result.format() == FindingFormat.ASFF && JSON.readTree(text).has("Findings"));
        if (!batch) {
            assertThat(result.rawPayloads()).containsExactly(text);
            assertThat(result.findings())
                    .singleElement()
                    .extracting(Finding::rawPayload)
                    .isEqualTo(RawPayloadReference.of(text));
            return;
        }
        JsonNode array = result.format() == FindingFormat.ASFF_EVENT
                ? JSON.readTree(text).path("detail").path("findings")
                : JSON.readTree(text).path("Findings");
        for (int i = 0; i < result.findings().size(); i++) {
            String raw = result.rawPayloadOf(result.findings().get(i));
            assertThat(result.findings().get(i).rawPayload()).isEqualTo(RawPayloadReference.of(raw));
            assertThat(text).contains(raw);
            assertThat(JSON.readTree(raw)).isEqualTo(array.get(i));
        }
    }

    @Test
    void guardDutySamples_everyCsvFindingType_hasExactlyOneSample() {
        Map<String, String> sampleTypes = SampleFindings.paths().stream()
                .filter(path -> path.startsWith("guardduty/"))
                .collect(Collectors.toMap(
                        path -> INGESTION
                                .ingest(SampleFindings.read(path), RECEIVED)
                                .findings()
                                .get(0)
                                .findingType(),
                        path -> path));
        assertThat(csv).as("finding types in the CSV").isNotEmpty();
        assertThat(sampleTypes.keySet()).containsExactlyInAnyOrderElementsOf(csv.keySet());
        for (Map.Entry<String, String> entry : sampleTypes.entrySet()) {
            assertThat(entry.getValue())
                    .isEqualTo("guardduty/" + entry.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        }
    }

    @Test
    void guardDutySamples_eachSample_severityInCsvBandAndActionMatchesDataSource() {
        for (String path : SampleFindings.paths()) {
            if (!path.startsWith("guardduty/")) {
                continue;
            }
            IngestionResult result = INGESTION.ingest(SampleFindings.read(path), RECEIVED);
            Finding finding = result.findings().get(0);
            CsvRow row = csv.get(finding.findingType());
            Severity expected = Severity.parseLabel(row.defaultSeverity().replace("*", ""));
            assertThat(finding.severity()).as(path).isEqualTo(expected);
            assertThat(finding.accountId()).get().asString().matches("\\d{12}");
            JsonNode action =
                    JSON.readTree(result.rawPayloadOf(finding)).path("service").path("action");
            String actionType = action.path("actionType").asString();
            if (row.dataSource().equals("DNS logs")) {
                assertThat(actionType).as(path).isEqualTo("DNS_REQUEST");
                assertThat(finding.indicators()).as(path).anyMatch(i -> i.type() == IndicatorType.DOMAIN);
            } else if (row.dataSource().equals("VPC Flow Logs")) {
                assertThat(actionType).as(path).isIn("NETWORK_CONNECTION", "PORT_PROBE");
                assertThat(finding.indicators()).as(path).anyMatch(i -> i.isPublicIpAddress());
            } else {
                assertThat(actionType).as(path).isEqualTo("AWS_API_CALL");
                assertThat(action.path("awsApiCallAction").path("api").asString())
                        .isNotBlank();
                assertThat(finding.indicators()).as(path).anyMatch(i -> i.isPublicIpAddress());
            }
        }
    }

    @Test
    void index_samplesDirectory_listsEveryFile() throws IOException {
        Path root = Path.of("src/main/resources", SampleFindings.BASE);
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(SampleFindings.INDEX))
                    .sorted()
                    .toList();
        }
        assertThat(SampleFindings.paths()).containsExactlyElementsOf(files);
    }

    @Test
    void read_pathNotInIndex_refused() {
        assertThatThrownBy(() -> SampleFindings.read("../secrets.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No sample finding");
    }

    @Test
    void ingest_sameSampleTwice_yieldsSameFindingIds() {
        String path = SampleFindings.paths().get(0);
        List<String> first = INGESTION.ingest(SampleFindings.read(path), RECEIVED).findings().stream()
                .map(Finding::findingId)
                .toList();
        List<String> second = INGESTION.ingest(SampleFindings.read(path), RECEIVED.plusSeconds(60)).findings().stream()
                .map(Finding::findingId)
                .toList();
        assertThat(second).isEqualTo(first);
    }

    private static FindingFormat expectedFormat(String directory) {
        return switch (directory) {
            case "guardduty" -> FindingFormat.GUARDDUTY;
            case "guardduty-event" -> FindingFormat.GUARDDUTY_EVENT;
            case "asff" -> FindingFormat.ASFF;
            case "asff-event" -> FindingFormat.ASFF_EVENT;
            case "ocsf" -> FindingFormat.OCSF_DETECTION_FINDING;
            case "plain" -> FindingFormat.PLAIN_THREAT;
            default -> throw new AssertionError("unexpected sample directory " + directory);
        };
    }

    private static ResourceType expectedGuardDutyType(String findingType) {
        CsvRow row = csv.get(findingType);
        assertThat(row).as("CSV row for %s", findingType).isNotNull();
        return kindToType(row.resource());
    }

    private static List<ResourceType> expectedTypesFromPrefix(String file) {
        String prefix = file.substring(0, file.indexOf('-')).toUpperCase(Locale.ROOT);
        if (prefix.equals("BATCH")) {
            return List.of(ResourceType.EC2_INSTANCE, ResourceType.IAM_ACCESS_KEY, ResourceType.S3_BUCKET);
        }
        return List.of(kindToType(prefix));
    }

    private static ResourceType kindToType(String kind) {
        return switch (kind) {
            case "EC2" -> ResourceType.EC2_INSTANCE;
            case "IAM" -> ResourceType.IAM_ACCESS_KEY;
            case "S3" -> ResourceType.S3_BUCKET;
            default -> throw new AssertionError("unexpected resource kind " + kind);
        };
    }
}
