package ai.socagent.domain.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    static Finding.Builder validBuilder() {
        return Finding.builder()
                .format(FindingFormat.GUARDDUTY)
                .sourceFindingId("0cb6a0b4d5e6f7a8b9c0d1e2f3a4b5c6")
                .findingType("Recon:EC2/Portscan")
                .title("EC2 instance is performing outbound port scans")
                .description("i-0abc is scanning")
                .severity(Severity.MEDIUM)
                .sourceSeverityScore(5.0)
                .accountId("123456789012")
                .region("us-east-1")
                .firstSeen(T0)
                .lastSeen(T0.plusSeconds(60))
                .resources(List.of(Resource.of(ResourceType.EC2_INSTANCE, "i-0abc")))
                .indicators(List.of(Indicator.of(IndicatorType.IPV4, "198.51.100.7")))
                .rawPayload("{\"id\":\"0cb6a0b4d5e6f7a8b9c0d1e2f3a4b5c6\"}")
                .receivedAt(T0.plusSeconds(120));
    }

    @Test
    void rawPayload_isKeptAsItsClaimCheck_derivedFromTheContent() {
        Finding finding = validBuilder().rawPayload("{\"id\":\"é\"}").build();

        assertThat(finding.rawPayload().sizeBytes()).isEqualTo(11);
        assertThat(finding.rawPayload().evidenceId())
                .isEqualTo(RawPayloadReference.EVIDENCE_ID_PREFIX
                        + finding.rawPayload().sha256());
        assertThat(finding.rawPayload().matches("{\"id\":\"é\"}")).isTrue();
        assertThat(finding.rawPayload().matches("{\"id\":\"e\"}")).isFalse();
        assertThat(RawPayloadReference.of("{\"id\":\"é\"}")).isEqualTo(finding.rawPayload());
        assertThatThrownBy(() -> new RawPayloadReference("raw-finding-x", "x", 1))
                .hasMessageContaining("sha256");
    }

    @Test
    void deterministicId_sameSourceAndId_isStableVersion5Uuid() {
        String first = Finding.deterministicId(FindingSource.GUARDDUTY, "abc");
        String second = Finding.deterministicId(FindingSource.GUARDDUTY, "abc");
        assertThat(first).isEqualTo(second);
        UUID uuid = UUID.fromString(first);
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void deterministicId_differentSourceOrId_differs() {
        assertThat(Finding.deterministicId(FindingSource.GUARDDUTY, "abc"))
                .isNotEqualTo(Finding.deterministicId(FindingSource.SECURITY_HUB, "abc"))
                .isNotEqualTo(Finding.deterministicId(FindingSource.GUARDDUTY, "abd"));
    }

    @Test
    void builder_validFinding_derivesIdAndSource() {
        Finding finding = validBuilder().build();
        assertThat(finding.source()).isEqualTo(FindingSource.GUARDDUTY);
        assertThat(finding.findingId())
                .isEqualTo(Finding.deterministicId(FindingSource.GUARDDUTY, "0cb6a0b4d5e6f7a8b9c0d1e2f3a4b5c6"));
        assertThat(finding.accountId()).contains("123456789012");
        assertThat(finding.primaryResource()).map(Resource::type).contains(ResourceType.EC2_INSTANCE);
    }

    @Test
    void constructor_lastSeenBeforeFirstSeen_throws() {
        assertThatThrownBy(() -> validBuilder().lastSeen(T0.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lastSeen");
    }

    @Test
    void constructor_formatOfOtherSource_throws() {
        Finding valid = validBuilder().build();
        assertThatThrownBy(() -> new Finding(
                        valid.findingId(),
                        FindingSource.API,
                        FindingFormat.GUARDDUTY,
                        valid.sourceFindingId(),
                        valid.findingType(),
                        valid.title(),
                        valid.description(),
                        valid.severity(),
                        valid.sourceSeverityScore(),
                        valid.accountId(),
                        valid.region(),
                        valid.firstSeen(),
                        valid.lastSeen(),
                        valid.resources(),
                        valid.indicators(),
                        valid.rawPayload(),
                        valid.receivedAt()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GUARDDUTY");
    }

    @Test
    void constructor_missingOrInvalidComponents_throwNamingComponent() {
        assertThatThrownBy(() -> validBuilder().title(" ").build()).hasMessage("title must not be blank");
        assertThatThrownBy(() -> validBuilder().severity(null).build()).hasMessage("severity must not be null");
        assertThatThrownBy(() -> validBuilder().rawPayload("").build()).hasMessage("rawPayload must not be blank");
        assertThatThrownBy(() ->
                        validBuilder().rawPayload((RawPayloadReference) null).build())
                .hasMessageContaining("rawPayload");
        assertThatThrownBy(() -> validBuilder().findingId("x").build()).hasMessageContaining("findingId");
        assertThatThrownBy(() -> validBuilder().sourceSeverityScore(-1).build())
                .hasMessageContaining("sourceSeverityScore");
        assertThatThrownBy(() -> validBuilder().sourceSeverityScore(Double.NaN).build())
                .hasMessageContaining("sourceSeverityScore");
    }

    @Test
    void constructor_duplicateIndicators_throws() {
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.7");
        assertThatThrownBy(() -> validBuilder().indicators(List.of(ip, ip)).build())
                .hasMessageContaining("distinct");
    }

    @Test
    void constructor_mutableInputLists_areCopied() {
        List<Resource> resources = new ArrayList<>(List.of(Resource.of(ResourceType.S3_BUCKET, "b")));
        Finding finding = validBuilder().resources(resources).build();
        resources.clear();
        assertThat(finding.resources()).hasSize(1);
    }

    @Test
    void resource_optionalParts_areEmptyWhenNullAndCopied() {
        Resource resource = Resource.of(ResourceType.IAM_USER, "alice", null, null, "123456789012", Map.of(), Map.of());
        assertThat(resource.arn()).isEmpty();
        assertThat(resource.region()).isEmpty();
        assertThat(resource.accountId()).contains("123456789012");
        assertThat(new Resource(ResourceType.OTHER, "x", null, null, null, Map.of(), Map.of()).arn())
                .isEqualTo(Optional.empty());
        assertThatThrownBy(() -> Resource.of(ResourceType.IAM_USER, " ")).hasMessage("id must not be blank");
        assertThat(ResourceType.IAM_ACCESS_KEY.isIdentity()).isTrue();
        assertThat(ResourceType.S3_BUCKET.isIdentity()).isFalse();
    }

    @Test
    void format_eachFormat_belongsToExpectedSource() {
        assertThat(FindingFormat.GUARDDUTY_EVENT.source()).isEqualTo(FindingSource.GUARDDUTY);
        assertThat(FindingFormat.ASFF.source()).isEqualTo(FindingSource.SECURITY_HUB);
        assertThat(FindingFormat.ASFF_EVENT.source()).isEqualTo(FindingSource.SECURITY_HUB);
        assertThat(FindingFormat.OCSF_DETECTION_FINDING.source()).isEqualTo(FindingSource.OCSF);
        assertThat(FindingFormat.PLAIN_THREAT.source()).isEqualTo(FindingSource.API);
    }
}
