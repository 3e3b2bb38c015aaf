package ai.socagent.services.threatclassifier.application.offline;

import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TacticAssignment;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorExtractor;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Tactic;
import ai.socagent.knowledgebase.attack.Technique;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueCandidate;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ThreatClassifier's own analysis, its offline engine: turns a {@link Finding} into a {@link
 * Classification} without a model.
 *
 * <ul>
 *   <li>Techniques: for a GuardDuty finding type the CTID mapping names, the mapped techniques
 *       (at most {@value #MAX_TECHNIQUES}, the ones the finding's text supports best first, as
 *       {@link TechniqueSearchPort#rank} says); otherwise the {@link TechniqueSearchPort#search}
 *       candidates for the title, description and finding type (the knowledge base's ranking)
 *       that score at least half the best one (at most three); when the finding type has a
 *       GuardDuty threat purpose, candidates outside the purpose's tactics (Recon: reconnaissance
 *       and discovery, Backdoor and Trojan: command and control, ...) count 0.6 times their score.
 *   <li>Tactics: the kill-chain phases of those techniques, in order of first appearance.
 *   <li>Category: the GuardDuty threat purpose of the finding type when it has one; otherwise
 *       derived from the first tactic.
 *   <li>Severity: {@link SeverityScorer} over the finding's own severity, its resources' tags and
 *       the intelligence signal.
 *   <li>Confidence: 0.9 for an exact CTID mapping, 0.75 for a mapping of the type's family, for a
 *       text match 0.25 to 0.7 growing with the margin of the best candidate over the second and
 *       the number of terms matched; 0.1 when nothing matched.
 * </ul>
 *
 * Every assignment's rationale cites its evidence. Indicators come from the domain's {@link
 * IndicatorExtractor}, as in ingestion. Thread-safe when its search is.
 */
public final class OfflineThreatClassifier {

    /** The {@link Classification#classifiedBy()} of this classifier. */
    public static final String CLASSIFIED_BY = "offline-threat-classifier";

    static final int MAX_TECHNIQUES = 5;

    /** Weight of a text match whose tactics do not fit the GuardDuty threat purpose. */
    private static final double OFF_PURPOSE_FACTOR = 0.6;

    // compiled once: humanize runs for every finding (String.replaceAll compiles on every call)
    private static final Pattern TYPE_PUNCTUATION = Pattern.compile("[:/.!_-]");
    private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Pattern GUARDDUTY_TYPE =
            Pattern.compile("\\b([A-Z][A-Za-z]+):([A-Za-z0-9]+)[/-]([A-Za-z0-9&!_.\\-]*[A-Za-z0-9&!_\\-])");
    private static final Map<String, ThreatCategory> CATEGORY_BY_TACTIC = Map.ofEntries(
            Map.entry("initial-access", ThreatCategory.INITIAL_ACCESS),
            Map.entry("execution", ThreatCategory.EXECUTION),
            Map.entry("persistence", ThreatCategory.PERSISTENCE),
            Map.entry("privilege-escalation", ThreatCategory.PRIVILEGE_ESCALATION),
            Map.entry("defense-evasion", ThreatCategory.DEFENSE_EVASION),
            Map.entry("credential-access", ThreatCategory.CREDENTIAL_ACCESS),
            Map.entry("discovery", ThreatCategory.DISCOVERY),
            Map.entry("exfiltration", ThreatCategory.EXFILTRATION),
            Map.entry("command-and-control", ThreatCategory.BACKDOOR),
            Map.entry("impact", ThreatCategory.IMPACT),
            Map.entry("reconnaissance", ThreatCategory.RECONNAISSANCE));

    /**
     * Everything the offline engine concluded about a finding.
     *
     * @param classification the verdict
     * @param severity how the severity was scored
     * @param indicators the finding's indicators followed by those extracted from its title and
     *     description, distinct
     */
    public record Analysis(
            Classification classification, SeverityScorer.Assessment severity, List<Indicator> indicators) {

        public Analysis {
            Objects.requireNonNull(classification, "classification");
            Objects.requireNonNull(severity, "severity");
            indicators = List.copyOf(indicators);
        }
    }

    private record Verdict(List<TechniqueAssignment> techniques, double confidence) {}

    private final AttackKnowledge knowledge;
    private final GuardDutyTechniqueMapping mapping;
    private final TechniqueSearchPort search;
    private final SeverityScorer scorer;
    private final Clock clock;

    /**
     * @param knowledge the ATT&CK extract (technique names and tactics)
     * @param mapping the CTID mapping of GuardDuty finding types
     * @param search the technique ranking of the knowledge base
     */
    public OfflineThreatClassifier(
            AttackKnowledge knowledge,
            GuardDutyTechniqueMapping mapping,
            TechniqueSearchPort search,
            SeverityScorer scorer,
            Clock clock) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.search = Objects.requireNonNull(search, "search");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Classifies a finding without intelligence. */
    public Classification classify(Finding finding) {
        return analyze(finding, SeverityScorer.IntelligenceSignal.NONE).classification();
    }

    /** Classifies a finding, scores its severity and extracts its indicators. */
    public Analysis analyze(Finding finding, SeverityScorer.IntelligenceSignal intelligence) {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(intelligence, "intelligence");
        Optional<String> guardDutyType = guardDutyType(finding.findingType());
        String text = finding.title() + "\n" + finding.description() + "\n" + humanize(finding.findingType());
        Verdict verdict = guardDutyType
                .flatMap(mapping::lookup)
                .map(match -> fromMapping(match, text))
                .filter(v -> !v.techniques().isEmpty())
                .orElseGet(() -> fromSearch(
                        text,
                        guardDutyType
                                .map(ThreatCategory::fromGuardDutyThreatPurpose)
                                .map(OfflineThreatClassifier::tacticsOfPurpose)
                                .orElse(Set.of())));
        List<TacticAssignment> tactics = tactics(verdict.techniques());
        ThreatCategory category = guardDutyType
                .map(ThreatCategory::fromGuardDutyThreatPurpose)
                .filter(c -> c != ThreatCategory.OTHER)
                .orElseGet(() -> tactics.isEmpty()
                        ? ThreatCategory.OTHER
                        : knowledge
                                .tactic(tactics.get(0).tacticId())
                                .map(t -> CATEGORY_BY_TACTIC.getOrDefault(t.shortname(), ThreatCategory.OTHER))
                                .orElse(ThreatCategory.OTHER));
        SeverityScorer.Assessment severity = scorer.assess(finding, intelligence);
        Classification classification = new Classification(
                category,
                severity.severity(),
                verdict.confidence(),
                tactics,
                verdict.techniques(),
                CLASSIFIED_BY,
                clock.instant());
        Set<Indicator> indicators = new LinkedHashSet<>(finding.indicators());
        indicators.addAll(IndicatorExtractor.extract(finding.title() + "\n" + finding.description()));
        return new Analysis(classification, severity, List.copyOf(indicators));
    }

    private Verdict fromMapping(GuardDutyTechniqueMapping.Match match, String text) {
        Map<String, TechniqueCandidate> ranked = new HashMap<>();
        for (TechniqueCandidate candidate : search.rank(text, match.techniqueIds())) {
            ranked.put(candidate.techniqueId(), candidate);
        }
        List<String> ids = new ArrayList<>(match.techniqueIds());
        ids.sort((a, b) -> Double.compare(score(ranked.get(b)), score(ranked.get(a))));
        List<TechniqueAssignment> out = new ArrayList<>();
        for (String id : ids) {
            Optional<Technique> technique = knowledge.technique(id);
            if (technique.isEmpty() || out.size() == MAX_TECHNIQUES) {
                continue;
            }
            TechniqueCandidate candidate = ranked.get(id);
            String rationale = "CTID GuardDuty mapping lists " + match.mappedType() + " under " + id
                    + (match.exact() ? "" : " (threat family of " + match.findingType() + ")")
                    + (candidate == null || candidate.matchedTerms().isEmpty()
                            ? ""
                            : "; finding text matches " + String.join(", ", candidate.matchedTerms()));
            out.add(new TechniqueAssignment(id, technique.get().name(), rationale));
        }
        return new Verdict(out, match.exact() ? 0.9 : 0.75);
    }

    private static double score(TechniqueCandidate candidate) {
        return candidate == null ? -1 : candidate.score();
    }

    private Verdict fromSearch(String text, Set<String> preferredTactics) {
        List<TechniqueCandidate> candidates = search.search(text, preferredTactics.isEmpty() ? 3 : 30);
        if (candidates.isEmpty()) {
            return new Verdict(List.of(), 0.1);
        }
        record Weighted(TechniqueCandidate candidate, double score, boolean fits) {}
        List<Weighted> weighted = new ArrayList<>();
        for (TechniqueCandidate candidate : candidates) {
            boolean fits = candidate.tactics().stream().anyMatch(preferredTactics::contains);
            double factor = preferredTactics.isEmpty() || fits ? 1.0 : OFF_PURPOSE_FACTOR;
            weighted.add(new Weighted(candidate, candidate.score() * factor, fits));
        }
        weighted.sort((x, y) -> Double.compare(y.score(), x.score()));
        List<Weighted> top = weighted.subList(0, Math.min(3, weighted.size()));
        double best = top.get(0).score();
        List<TechniqueAssignment> out = new ArrayList<>();
        for (Weighted w : top) {
            if (w.score() >= best / 2) {
                TechniqueCandidate candidate = w.candidate();
                out.add(new TechniqueAssignment(
                        candidate.techniqueId(),
                        candidate.name(),
                        candidate.rationale()
                                + (w.fits() ? "; its tactic fits the finding type's threat purpose" : "")));
            }
        }
        double second = top.size() > 1 ? top.get(1).score() : 0;
        double margin = best <= 0 ? 0 : (best - second) / best;
        double coverage = Math.min(1.0, top.get(0).candidate().matchedTerms().size() / 4.0);
        double confidence = 0.25 + 0.3 * margin + 0.15 * coverage;
        return new Verdict(out, Math.round(confidence * 100) / 100.0);
    }

    /** The ATT&CK tactics (shortnames) a GuardDuty threat purpose points to; empty when none does. */
    static Set<String> tacticsOfPurpose(ThreatCategory purpose) {
        return switch (purpose) {
            case BACKDOOR, TROJAN -> Set.of("command-and-control");
            case CRYPTOCURRENCY, IMPACT -> Set.of("impact");
            case CREDENTIAL_ACCESS -> Set.of("credential-access");
            case DEFENSE_EVASION, STEALTH -> Set.of("defense-evasion");
            case DISCOVERY -> Set.of("discovery");
            case EXECUTION -> Set.of("execution");
            case EXFILTRATION -> Set.of("exfiltration");
            case INITIAL_ACCESS -> Set.of("initial-access");
            case PERSISTENCE -> Set.of("persistence");
            case PRIVILEGE_ESCALATION -> Set.of("privilege-escalation");
            case RECONNAISSANCE -> Set.of("reconnaissance", "discovery");
            case UNAUTHORIZED_ACCESS -> Set.of("initial-access", "credential-access");
            case BEHAVIOR, MALWARE, PENTEST, POLICY_VIOLATION, OTHER -> Set.of();
        };
    }

    private List<TacticAssignment> tactics(List<TechniqueAssignment> techniques) {
        Map<String, List<String>> byTactic = new LinkedHashMap<>();
        Map<String, Tactic> tactics = new HashMap<>();
        for (TechniqueAssignment assignment : techniques) {
            knowledge.technique(assignment.techniqueId()).ifPresent(technique -> {
                for (Tactic tactic : knowledge.tacticsOf(technique)) {
                    tactics.put(tactic.id(), tactic);
                    byTactic.computeIfAbsent(tactic.id(), k -> new ArrayList<>())
                            .add(technique.id());
                }
            });
        }
        List<TacticAssignment> out = new ArrayList<>();
        byTactic.forEach((id, techniqueIds) -> out.add(new TacticAssignment(
                id, tactics.get(id).name(), "kill-chain phase of " + String.join(", ", techniqueIds))));
        return out;
    }

    /**
     * The GuardDuty finding type inside {@code findingType}. Security Hub's type path spells it with
     * a hyphen after the resource ({@code TTPs/Command and Control/Backdoor:EC2-C&CActivity.B}); it
     * comes back in GuardDuty's own spelling ({@code Backdoor:EC2/C&CActivity.B}).
     */
    static Optional<String> guardDutyType(String findingType) {
        Matcher matcher = GUARDDUTY_TYPE.matcher(findingType);
        return matcher.find()
                ? Optional.of(matcher.group(1) + ":" + matcher.group(2) + "/" + matcher.group(3))
                : Optional.empty();
    }

    /** Splits a finding type into words: {@code Recon:EC2/PortProbeUnprotectedPort} gives "Recon EC2 Port Probe...". */
    static String humanize(String findingType) {
        String words = TYPE_PUNCTUATION.matcher(findingType).replaceAll(" ");
        words = CAMEL_CASE_BOUNDARY.matcher(words).replaceAll(" ");
        return WHITESPACE.matcher(words).replaceAll(" ").strip();
    }
}
