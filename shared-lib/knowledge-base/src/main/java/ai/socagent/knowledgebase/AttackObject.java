package ai.socagent.knowledgebase;

import ai.socagent.knowledgebase.attack.AttackActor;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Mitigation;
import ai.socagent.knowledgebase.attack.Technique;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An ATT&CK object other than a technique, as the knowledge base stores it: a mitigation (course of
 * action), a group (intrusion set), a piece of software (malware or tool) or a campaign, with the
 * techniques it relates to.
 *
 * @param id M1032, G0016, S0154 or C0024 (upper case; the letter must fit the type)
 * @param type what kind of object it is
 * @param name display name
 * @param aliases other names (Cozy Bear for APT29), searched like the name
 * @param description MITRE's description, possibly empty (the shipped extract carries the first
 *     paragraph, at most about 600 characters)
 * @param techniqueIds for a mitigation the techniques it mitigates, for the others the techniques
 *     ATT&CK says they used (upper case, sorted)
 */
public record AttackObject(
        String id, Type type, String name, List<String> aliases, String description, List<String> techniqueIds) {

    /** Kinds of ATT&CK object; the first letter of the id tells the family. */
    public enum Type {
        MITIGATION('M'),
        GROUP('G'),
        MALWARE('S'),
        TOOL('S'),
        CAMPAIGN('C');

        /** Malware and tools: what ATT&CK calls software. */
        public static final Set<Type> SOFTWARE = EnumSet.of(MALWARE, TOOL);

        private final char idLetter;

        Type(char idLetter) {
            this.idLetter = idLetter;
        }

        /** The type of an {@link AttackActor#kind()}: group, malware, tool or campaign. */
        public static Type ofKind(String kind) {
            return valueOf(Objects.requireNonNull(kind, "kind").strip().toUpperCase(Locale.ROOT));
        }
    }

    private static final Pattern ID = Pattern.compile("[MGSC]\\d{4}");

    public AttackObject {
        id = normalizeId(id);
        Objects.requireNonNull(type, "type");
        if (!ID.matcher(id).matches() || id.charAt(0) != type.idLetter) {
            throw new IllegalArgumentException("Not the ATT&CK id of a " + type + ": '" + id + "'");
        }
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(Objects.requireNonNullElse(aliases, List.of()));
        description = Objects.requireNonNullElse(description, "");
        techniqueIds = List.copyOf(new TreeSet<>(Objects.requireNonNullElse(techniqueIds, List.<String>of()).stream()
                .map(TechniqueDocument::normalizeId)
                .toList()));
    }

    /** Whether this object relates to the technique with this id (exact, case-insensitive). */
    public boolean relatesTo(String techniqueId) {
        return techniqueIds.contains(TechniqueDocument.normalizeId(techniqueId));
    }

    /** Trimmed, upper-case form of an ATT&CK id as looked up by the adapters. */
    public static String normalizeId(String id) {
        return TechniqueDocument.normalizeId(id);
    }

    /** A mitigation and the techniques it mitigates. */
    public static AttackObject from(Mitigation mitigation, List<String> mitigatedTechniqueIds) {
        return new AttackObject(
                mitigation.id(),
                Type.MITIGATION,
                mitigation.name(),
                List.of(),
                mitigation.description(),
                mitigatedTechniqueIds);
    }

    /** A group, piece of software or campaign and the techniques it used. */
    public static AttackObject from(AttackActor actor) {
        return new AttackObject(
                actor.id(),
                Type.ofKind(actor.kind()),
                actor.name(),
                actor.aliases(),
                actor.description(),
                actor.techniques());
    }

    /**
     * Every mitigation, group, piece of software and campaign of the extract, with their
     * descriptions, ordered by id. Mitigations include those linked to no technique (their {@code
     * techniqueIds} are empty).
     */
    public static List<AttackObject> allOf(AttackKnowledge attack) {
        Map<String, List<String>> mitigated = new TreeMap<>();
        for (Technique technique : attack.techniques()) {
            for (String mitigationId : technique.mitigations()) {
                mitigated.computeIfAbsent(mitigationId, k -> new ArrayList<>()).add(technique.id());
            }
        }
        Map<String, AttackObject> objects = new TreeMap<>();
        for (Mitigation mitigation : attack.mitigations()) {
            objects.put(mitigation.id(), from(mitigation, mitigated.getOrDefault(mitigation.id(), List.of())));
        }
        Stream.of(attack.groups(), attack.software(), attack.campaigns())
                .flatMap(List::stream)
                .forEach(actor -> objects.putIfAbsent(actor.id(), from(actor)));
        return List.copyOf(objects.values());
    }
}
