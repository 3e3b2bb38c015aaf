package ai.socagent.domain.investigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.classification.ThreatCategory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvestigationTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private static Investigation open() {
        return Investigation.open(Preconditions.newId(), "corr-1", T0);
    }

    @Test
    void idForThreat_sameThreat_sameInvestigationWhichOpenUses() {
        String threatId = Preconditions.newId();

        assertThat(Investigation.idForThreat(threatId))
                .isEqualTo(Investigation.idForThreat(threatId))
                .isNotEqualTo(Investigation.idForThreat(Preconditions.newId()))
                .isEqualTo(Investigation.open(threatId, "c", T0).investigationId());
        // the id the ThreatClassifier gave investigations before the rule moved into the domain
        assertThat(Investigation.idForThreat("00000000-0000-4000-8000-000000000001"))
                .isEqualTo(ai.socagent.domain.NameBasedIds.uuidV5(
                        java.util.UUID.fromString("3f6b8f0e-9a52-4d7c-b1e4-6c0d2a9e7f15"),
                        "00000000-0000-4000-8000-000000000001"));
        assertThatThrownBy(() -> Investigation.idForThreat("x")).hasMessageContaining("threatId");
    }

    @Test
    void transitionTo_fullLifecycle_recordsEveryStep() {
        Investigation investigation = open();
        InvestigationStatus[] path = {
            InvestigationStatus.CLASSIFIED,
            InvestigationStatus.ENRICHED,
            InvestigationStatus.INVESTIGATING,
            InvestigationStatus.ROOT_CAUSE_IDENTIFIED,
            InvestigationStatus.RESPONSE_PROPOSED,
            InvestigationStatus.AWAITING_APPROVAL,
            InvestigationStatus.RESPONDING,
            InvestigationStatus.RESOLVED
        };
        for (int i = 0; i < path.length; i++) {
            investigation = investigation.transitionTo(path[i], T0.plusSeconds(i + 1), "step " + i);
        }
        assertThat(investigation.status()).isEqualTo(InvestigationStatus.RESOLVED);
        assertThat(investigation.isClosed()).isTrue();
        assertThat(investigation.history()).hasSize(path.length);
        assertThat(investigation.history().get(0).from()).isEqualTo(InvestigationStatus.OPEN);
        assertThat(investigation.updatedAt()).isEqualTo(T0.plusSeconds(path.length));
    }

    @Test
    void transitionTo_shortcutsAllowedByLifecycle_succeed() {
        Investigation investigation = open().transitionTo(InvestigationStatus.CLASSIFIED, T0, "classified")
                .transitionTo(InvestigationStatus.INVESTIGATING, T0, "enrichment skipped")
                .transitionTo(InvestigationStatus.ROOT_CAUSE_IDENTIFIED, T0, "rca")
                .transitionTo(InvestigationStatus.RESPONSE_PROPOSED, T0, "plan")
                .transitionTo(InvestigationStatus.RESPONDING, T0, "nothing to approve");
        assertThat(investigation.status()).isEqualTo(InvestigationStatus.RESPONDING);
    }

    @Test
    void transitionTo_forbiddenMove_throwsNamingFromAndTo() {
        Investigation investigation = open();
        assertThatThrownBy(() -> investigation.transitionTo(InvestigationStatus.RESOLVED, T0, "skip"))
                .isInstanceOfSatisfying(InvalidStatusTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(InvestigationStatus.OPEN);
                    assertThat(e.to()).isEqualTo(InvestigationStatus.RESOLVED);
                })
                .hasMessageContaining("OPEN")
                .hasMessageContaining("RESOLVED");
    }

    @Test
    void transitionTo_fromTerminal_throws() {
        Investigation failed = open().transitionTo(InvestigationStatus.FAILED, T0, "agent crashed");
        assertThatThrownBy(() -> failed.transitionTo(InvestigationStatus.CLASSIFIED, T0, "retry"))
                .isInstanceOf(InvalidStatusTransitionException.class);
    }

    @Test
    void transitionTo_timeBeforeLastUpdate_throws() {
        Investigation classified = open().transitionTo(InvestigationStatus.CLASSIFIED, T0.plusSeconds(10), "c");
        assertThatThrownBy(() -> classified.transitionTo(InvestigationStatus.ENRICHED, T0.plusSeconds(5), "e"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the last update");
    }

    @Test
    void transitionTo_blankReason_throws() {
        assertThatThrownBy(() -> open().transitionTo(InvestigationStatus.CLASSIFIED, T0, " "))
                .hasMessage("reason must not be blank");
    }

    @Test
    void transitionTo_originalInstance_isUnchanged() {
        Investigation original = open();
        original.transitionTo(InvestigationStatus.CLASSIFIED, T0, "c");
        assertThat(original.status()).isEqualTo(InvestigationStatus.OPEN);
        assertThat(original.history()).isEmpty();
    }

    @Test
    void constructor_statusNotMatchingHistory_throws() {
        String threatId = Preconditions.newId();
        assertThatThrownBy(() -> new Investigation(
                        Preconditions.newId(), threatId, "c", InvestigationStatus.ENRICHED, T0, T0, List.of()))
                .hasMessageContaining("does not match the history");
        StatusChange skip = new StatusChange(InvestigationStatus.CLASSIFIED, InvestigationStatus.ENRICHED, T0, "x");
        assertThatThrownBy(() -> new Investigation(
                        Preconditions.newId(), threatId, "c", InvestigationStatus.ENRICHED, T0, T0, List.of(skip)))
                .hasMessageContaining("history[0] starts from CLASSIFIED");
    }

    @Test
    void statusChange_forbiddenTransition_throws() {
        assertThatThrownBy(() -> new StatusChange(InvestigationStatus.OPEN, InvestigationStatus.RESOLVED, T0, "x"))
                .isInstanceOf(InvalidStatusTransitionException.class);
    }

    @Test
    void evidence_sha256_validatedAndNormalised() {
        String investigationId = Preconditions.newId();
        String hash = Evidence.sha256Of("hello");
        assertThat(hash).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        Evidence evidence = new Evidence(
                Preconditions.newId(),
                investigationId,
                EvidenceKind.API_CALL,
                "ListBuckets from Tor exit",
                "CloudTrail",
                T0,
                T0.plusSeconds(30),
                hash.toUpperCase(java.util.Locale.ROOT),
                Map.of("eventName", "ListBuckets"));
        assertThat(evidence.sha256()).isEqualTo(hash);
        assertThatThrownBy(() -> new Evidence(
                        Preconditions.newId(),
                        investigationId,
                        EvidenceKind.API_CALL,
                        "d",
                        "s",
                        T0,
                        T0,
                        "abc",
                        Map.of()))
                .hasMessageContaining("sha256 must be 64 hexadecimal");
    }

    @Test
    void rootCause_causalChain_isSortedByTimeAndConfidenceValidated() {
        TimelineEntry late = new TimelineEntry(T0.plusSeconds(60), "data exfiltrated", List.of("e2"));
        TimelineEntry early = new TimelineEntry(T0, "access key leaked", List.of("e1"));
        RootCause rootCause = new RootCause(
                "Leaked access key", ThreatCategory.CREDENTIAL_ACCESS, 0.8, List.of(late, early), List.of("no MFA"));
        assertThat(rootCause.causalChain()).containsExactly(early, late);
        assertThatThrownBy(() -> new RootCause("x", ThreatCategory.OTHER, 2.0, List.of(), List.of()))
                .hasMessageContaining("confidence");
    }
}
