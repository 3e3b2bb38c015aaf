package ai.socagent.knowledgebase.attack;

/**
 * An ATT&CK mitigation (course of action).
 *
 * @param id the ATT&CK id (M1031)
 * @param name the display name
 * @param description the first paragraph of MITRE's description (citation markers removed, at
 *     most about 600 characters), empty when the extract has none
 */
public record Mitigation(String id, String name, String description) {

    public Mitigation {
        description = description == null ? "" : description;
    }
}
