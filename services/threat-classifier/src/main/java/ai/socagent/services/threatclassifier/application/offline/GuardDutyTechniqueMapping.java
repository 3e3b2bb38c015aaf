package ai.socagent.services.threatclassifier.application.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * GuardDuty finding type to ATT&CK techniques, from the Center for Threat-Informed Defense's
 * Security Stack Mappings for Amazon GuardDuty (Apache-2.0, see CTID-LICENSE.txt). The mapping
 * names finding types in the free-text comments of its technique and sub-technique scores;
 * scripts/extract-attack.py parses them out into {@code guardduty-ctid.json}.
 *
 * <p>A type the mapping does not name exactly is looked up once more without its {@code !Artifact}
 * suffix, then as its threat family ({@code Purpose:Resource/Family}, the part before the first
 * {@code .} of the name): GuardDuty's later variants such as {@code
 * UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS} keep their family's
 * techniques.
 */
public final class GuardDutyTechniqueMapping {

    /** Class-path location of the mapping. */
    public static final String RESOURCE = "/ai/socagent/services/threatclassifier/attack/guardduty-ctid.json";

    /**
     * The techniques mapped to a finding type.
     *
     * @param findingType the type asked for
     * @param mappedType the type the mapping names (equal to {@code findingType} for an exact match)
     * @param techniqueIds ATT&CK technique and sub-technique ids, ordered by id
     */
    public record Match(String findingType, String mappedType, List<String> techniqueIds) {

        public Match {
            techniqueIds = List.copyOf(techniqueIds);
        }

        /** True when the mapping names the finding type itself, not its family. */
        public boolean exact() {
            return findingType.equals(mappedType);
        }
    }

    record Document(String source, Map<String, List<String>> findingTypes) {}

    private static final class Holder {
        private static final GuardDutyTechniqueMapping EMBEDDED = loadResource();
    }

    private final Map<String, List<String>> byType;

    private GuardDutyTechniqueMapping(Map<String, List<String>> byType) {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        byType.forEach((type, ids) -> copy.put(type, List.copyOf(ids)));
        this.byType = copy;
    }

    /** The mapping shipped with this service, loaded on first use and shared. */
    public static GuardDutyTechniqueMapping embedded() {
        return Holder.EMBEDDED;
    }

    /** A mapping from explicit entries (finding type to technique ids). */
    public static GuardDutyTechniqueMapping of(Map<String, List<String>> byType) {
        return new GuardDutyTechniqueMapping(Objects.requireNonNull(byType, "byType"));
    }

    /** Reads a mapping in the format of {@link #RESOURCE}. */
    public static GuardDutyTechniqueMapping load(InputStream json) {
        Objects.requireNonNull(json, "json");
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = json) {
            Document document = mapper.readValue(in, Document.class);
            if (document.findingTypes() == null) {
                throw new UncheckedIOException(new IOException("not a GuardDuty mapping: findingTypes missing"));
            }
            return new GuardDutyTechniqueMapping(document.findingTypes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GuardDuty mapping", e);
        } catch (JacksonException e) {
            throw new UncheckedIOException(
                    new IOException("malformed GuardDuty mapping: " + e.getOriginalMessage(), e));
        }
    }

    private static GuardDutyTechniqueMapping loadResource() {
        InputStream in = GuardDutyTechniqueMapping.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("GuardDuty mapping " + RESOURCE + " is missing from the class path");
        }
        return load(in);
    }

    /** The finding types the mapping names, sorted. */
    public List<String> findingTypes() {
        return List.copyOf(byType.keySet());
    }

    /** The techniques for a finding type: exact, then without the artifact, then by threat family. */
    public Optional<Match> lookup(String findingType) {
        if (findingType == null || findingType.isBlank()) {
            return Optional.empty();
        }
        String type = findingType.strip();
        List<String> exact = byType.get(type);
        if (exact != null) {
            return Optional.of(new Match(type, type, exact));
        }
        int bang = type.indexOf('!');
        String withoutArtifact = bang < 0 ? type : type.substring(0, bang);
        List<String> artifactless = byType.get(withoutArtifact);
        if (artifactless != null) {
            return Optional.of(new Match(type, withoutArtifact, artifactless));
        }
        int slash = withoutArtifact.indexOf('/');
        int dot = withoutArtifact.indexOf('.', Math.max(slash, 0));
        if (slash < 0 || dot < 0) {
            return Optional.empty();
        }
        String family = withoutArtifact.substring(0, dot);
        List<String> familyIds = byType.get(family);
        if (familyIds != null) {
            return Optional.of(new Match(type, family, familyIds));
        }
        return byType.entrySet().stream()
                .filter(e -> e.getKey().startsWith(family + "."))
                .findFirst()
                .map(e -> new Match(type, e.getKey(), e.getValue()));
    }
}
