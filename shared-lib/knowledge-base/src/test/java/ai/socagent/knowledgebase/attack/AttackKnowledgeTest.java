package ai.socagent.knowledgebase.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AttackKnowledgeTest {

    private final AttackKnowledge knowledge = AttackKnowledge.embedded();

    @Test
    void embedded_shippedExtract_holdsEnterpriseV18TechniquesAndTactics() {
        assertThat(knowledge.techniques()).hasSize(691);
        assertThat(knowledge.techniques().stream().filter(t -> !t.isSubTechnique()))
                .hasSize(216);
        assertThat(knowledge.tactics()).hasSize(14);
        assertThat(knowledge.groups()).hasSizeGreaterThan(150);
        assertThat(knowledge.software()).hasSizeGreaterThan(700);
        assertThat(knowledge.source()).contains("v18");
    }

    @Test
    void technique_subTechniqueId_returnsNameTacticsPlatformsAndParent() {
        Technique cloudAccounts = knowledge.technique("T1078.004").orElseThrow();

        assertThat(cloudAccounts.name()).isEqualTo("Cloud Accounts");
        assertThat(cloudAccounts.isSubTechnique()).isTrue();
        assertThat(cloudAccounts.parentId()).isEqualTo("T1078");
        assertThat(cloudAccounts.tactics()).contains("initial-access", "persistence");
        assertThat(cloudAccounts.platforms()).contains("IaaS");
        assertThat(cloudAccounts.description()).doesNotContain("(Citation:");
        assertThat(knowledge.subTechniques("T1078")).extracting(Technique::id).contains("T1078.004");
    }

    @Test
    void technique_lowercaseOrUnknownId_isCaseInsensitiveAndEmptyWhenUnknown() {
        assertThat(knowledge.technique(" t1110 ")).map(Technique::name).contains("Brute Force");
        assertThat(knowledge.technique("T9999")).isEmpty();
        assertThat(knowledge.technique(null)).isEmpty();
    }

    @Test
    void tactic_idOrShortname_resolveToSameTactic() {
        assertThat(knowledge.tactic("TA0006")).isEqualTo(knowledge.tactic("credential-access"));
        assertThat(knowledge.tactic("credential-access")).map(Tactic::name).contains("Credential Access");
        assertThat(knowledge.tactic("no-such-tactic")).isEmpty();
    }

    @Test
    void techniquesOf_credentialAccess_returnsOnlyTechniquesOfThatPhase() {
        List<Technique> techniques = knowledge.techniquesOf("TA0006");

        assertThat(techniques).extracting(Technique::id).contains("T1110", "T1003.001");
        assertThat(techniques).allSatisfy(t -> assertThat(t.tactics()).contains("credential-access"));
    }

    @Test
    void tacticsOf_bruteForce_isCredentialAccess() {
        assertThat(knowledge.tacticsOf(knowledge.technique("T1110").orElseThrow()))
                .extracting(Tactic::id)
                .containsExactly("TA0006");
    }

    @Test
    void mitigationsOf_bruteForce_includesMultiFactorAuthentication() {
        assertThat(knowledge.mitigationsOf(knowledge.technique("T1110").orElseThrow()))
                .extracting(Mitigation::name)
                .contains("Multi-factor Authentication");
        assertThat(knowledge.mitigation("M1032")).map(Mitigation::name).contains("Multi-factor Authentication");
    }

    @Test
    void mitigation_multiFactorAuthentication_hasMitresDescriptionWithoutCitations() {
        Mitigation mfa = knowledge.mitigation("M1032").orElseThrow();

        assertThat(mfa.description().toLowerCase(Locale.ROOT))
                .contains("authentication")
                .contains("verification");
        assertThat(mfa.description()).doesNotContain("(Citation:").doesNotEndWith(":");
    }

    @Test
    void mitigations_shippedExtract_listsAll44InIdOrderIncludingEveryOneLinkedToATechnique() {
        List<Mitigation> mitigations = knowledge.mitigations();

        assertThat(mitigations).hasSize(44);
        assertThat(mitigations).extracting(Mitigation::id).isSorted().doesNotHaveDuplicates();
        assertThat(mitigations)
                .containsAll(knowledge.techniques().stream()
                        .flatMap(t -> knowledge.mitigationsOf(t).stream())
                        .distinct()
                        .toList());
    }

    @Test
    void mitigations_extractWithMitigationLinkedToNoTechnique_listsItToo() throws IOException {
        AttackKnowledge tiny = AttackKnowledge.load(gzip(tinyExtract("Made up.")));

        assertThat(tiny.mitigations())
                .extracting(Mitigation::id, Mitigation::description)
                .containsExactly(tuple("M9100", "Linked."), tuple("M9101", "Linked to no technique."));
        assertThat(tiny.mitigationsOf(tiny.technique("T9100").orElseThrow()))
                .extracting(Mitigation::id)
                .containsExactly("M9100");
        assertThat(tiny.campaigns()).extracting(AttackActor::id).containsExactly("C9100");
        assertThat(tiny.actor("C9100")).map(AttackActor::description).hasValue("A made-up campaign.");
    }

    @Test
    void group_apt29_hasDescriptionWithLinksAsPlainText() {
        AttackActor apt29 = knowledge.actor("G0016").orElseThrow();

        assertThat(apt29.description())
                .startsWith("APT29 is")
                .contains("Russia")
                .doesNotContain("(Citation:")
                .doesNotContain("](");
    }

    @Test
    void descriptions_everyMitigationGroupSoftwareAndCampaign_areCompactPlainText() {
        List<String> descriptions = Stream.of(
                        knowledge.mitigations().stream().map(Mitigation::description),
                        knowledge.groups().stream().map(AttackActor::description),
                        knowledge.software().stream().map(AttackActor::description),
                        knowledge.campaigns().stream().map(AttackActor::description))
                .flatMap(s -> s)
                .toList();

        assertThat(descriptions)
                .hasSize(44
                        + knowledge.groups().size()
                        + knowledge.software().size()
                        + knowledge.campaigns().size());
        assertThat(descriptions)
                .allSatisfy(d -> assertThat(d)
                        .isNotBlank()
                        .hasSizeLessThanOrEqualTo(603)
                        .doesNotContain("(Citation:", "](", "\n"));
    }

    @Test
    void campaigns_shippedExtract_areCampaignsInIdOrder() {
        assertThat(knowledge.campaigns()).hasSizeGreaterThan(40);
        assertThat(knowledge.campaigns()).extracting(AttackActor::kind).containsOnly("campaign");
        assertThat(knowledge.campaigns()).extracting(AttackActor::id).isSorted();
        assertThat(knowledge.campaigns()).extracting(AttackActor::name).contains("SolarWinds Compromise");
    }

    @Test
    void version_sameReleaseOtherContent_differsWhileSourceStaysTheSame() throws IOException {
        AttackKnowledge first = AttackKnowledge.load(gzip(tinyExtract("Made up.")));
        AttackKnowledge same = AttackKnowledge.load(gzip(tinyExtract("Made up.")));
        AttackKnowledge changed = AttackKnowledge.load(gzip(tinyExtract("Made up, then described.")));

        assertThat(changed.source()).isEqualTo(first.source()).isEqualTo("tiny release");
        assertThat(same.version()).isEqualTo(first.version());
        assertThat(changed.version()).isNotEqualTo(first.version()).startsWith("tiny release sha256:");
        assertThat(first.contentSha256()).hasSize(64).isEqualTo(same.contentSha256());
        assertThat(knowledge.version()).startsWith(knowledge.source() + " sha256:");
    }

    @Test
    void load_extractWithoutDescriptionsOfObjects_givesEmptyDescriptions() throws IOException {
        String json = """
                {"source": "old", "tactics": [], "techniques": [],
                 "mitigations": [{"id": "M9100", "name": "Old Mitigation"}],
                 "groups": [{"id": "G9100", "name": "Old Group", "kind": "group", "techniques": []}]}
                """;
        AttackKnowledge old = AttackKnowledge.load(gzip(json));

        assertThat(old.mitigation("M9100")).map(Mitigation::description).hasValue("");
        assertThat(old.actor("G9100")).map(AttackActor::description).hasValue("");
        assertThat(old.campaigns()).isEmpty();
    }

    private static String tinyExtract(String techniqueDescription) {
        return """
                {"source": "tiny release", "tactics": [],
                 "techniques": [{"id": "T9100", "name": "Tiny Technique", "tactics": [], "platforms": [],
                                 "description": "%s", "mitigations": ["M9100"], "procedures": []}],
                 "mitigations": [{"id": "M9100", "name": "Linked Mitigation", "description": "Linked."},
                                 {"id": "M9101", "name": "Lone Mitigation", "description": "Linked to no technique."}],
                 "groups": [], "software": [],
                 "campaigns": [{"id": "C9100", "name": "Tiny Campaign", "kind": "campaign", "aliases": [],
                                "description": "A made-up campaign.", "techniques": ["T9100"]}]}
                """.formatted(techniqueDescription);
    }

    private static ByteArrayInputStream gzip(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Test
    void actorsUsing_powerShell_includesGroupsWithTheirTechniqueLinks() {
        List<AttackActor> actors = knowledge.actorsUsing("T1059.001");

        assertThat(actors).extracting(AttackActor::name).contains("APT29");
        AttackActor apt29 = knowledge.actor("G0016").orElseThrow();
        assertThat(apt29.kind()).isEqualTo("group");
        assertThat(apt29.techniques()).contains("T1059.001");
    }

    @Test
    void procedures_shippedIndexPart_excludeEveryHeldOutExample() throws IOException {
        Set<String> shipped = new HashSet<>();
        knowledge.techniques().forEach(t -> t.procedures().forEach(p -> shipped.add(t.id() + "|" + p.text())));
        Pattern line = Pattern.compile("\"technique\": \"([^\"]+)\", \"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> heldOut = Files.readAllLines(Path.of("../../bench/eval/data/procedures-heldout.jsonl"));
        int checked = 0;

        for (String json : heldOut) {
            Matcher matcher = line.matcher(json);
            if (matcher.find() && !matcher.group(2).contains("\\")) {
                assertThat(shipped).doesNotContain(matcher.group(1) + "|" + matcher.group(2));
                checked++;
            }
        }

        assertThat(heldOut).hasSizeGreaterThan(2500);
        assertThat(checked).isGreaterThan(2000);
        assertThat(shipped).hasSizeGreaterThan(10000);
    }

    @Test
    void attribution_notice_carriesMitreCopyrightAndLicence() throws IOException {
        assertThat(knowledge.attribution()).contains("© 2025 The MITRE Corporation");
        try (InputStream notice =
                AttackKnowledge.class.getResourceAsStream("/ai/socagent/knowledgebase/attack/ATTACK-NOTICE.txt")) {
            assertThat(notice).isNotNull();
            String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text)
                    .contains("This work is reproduced and distributed with the permission of The MITRE Corporation")
                    .contains("hereby grants you a non-exclusive, royalty-free license");
        }
    }

    @Test
    void load_gzippedJsonWithoutTechniques_throwsUncheckedIoException() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"tactics\": []}".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> AttackKnowledge.load(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("techniques");
    }

    @Test
    void load_notGzipped_throwsUncheckedIoException() {
        assertThatThrownBy(() -> AttackKnowledge.load(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class);
    }
}
