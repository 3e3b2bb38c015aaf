package ai.socagent.knowledgebase;

import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Technique;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ATT&CK technique as the knowledge base stores it.
 *
 * @param id T1078 or T1078.004 (upper case)
 * @param name display name
 * @param tactics tactic shortnames (initial-access, ...)
 * @param description MITRE's description, possibly empty
 * @param platforms platforms it applies to
 */
public record TechniqueDocument(
        String id, String name, List<String> tactics, String description, List<String> platforms) {

    private static final Pattern ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public TechniqueDocument {
        id = normalizeId(id);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not an ATT&CK technique id: '" + id + "'");
        }
        Objects.requireNonNull(name, "name");
        tactics = List.copyOf(Objects.requireNonNullElse(tactics, List.of()));
        description = Objects.requireNonNullElse(description, "");
        platforms = List.copyOf(Objects.requireNonNullElse(platforms, List.of()));
    }

    /** The document of a technique of the shipped ATT&CK extract. */
    public static TechniqueDocument from(Technique technique) {
        return new TechniqueDocument(
                technique.id(), technique.name(), technique.tactics(), technique.description(), technique.platforms());
    }

    /** Every technique and sub-technique of the ATT&CK extract, ordered by id. */
    public static List<TechniqueDocument> allOf(AttackKnowledge attack) {
        return attack.techniques().stream().map(TechniqueDocument::from).toList();
    }

    /** Trimmed, upper-case form of a technique id as looked up by the adapters. */
    public static String normalizeId(String id) {
        Objects.requireNonNull(id, "id");
        return id.strip().toUpperCase(Locale.ROOT);
    }
}
