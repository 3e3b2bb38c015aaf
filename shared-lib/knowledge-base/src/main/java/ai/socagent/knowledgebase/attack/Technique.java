package ai.socagent.knowledgebase.attack;

import java.util.List;

/**
 * An ATT&CK technique or sub-technique.
 *
 * @param id T1078 or T1078.004
 * @param name the display name (for a sub-technique without its parent's name)
 * @param tactics the kill-chain phases (tactic shortnames) it belongs to
 * @param platforms the platforms it applies to
 * @param description MITRE's description, citation markers removed, shortened to about 1,500
 *     characters
 * @param mitigations ids of the mitigations linked to it
 * @param procedures the shipped (index split) procedure examples
 */
public record Technique(
        String id,
        String name,
        List<String> tactics,
        List<String> platforms,
        String description,
        List<String> mitigations,
        List<ProcedureExample> procedures) {

    public Technique {
        tactics = List.copyOf(tactics == null ? List.of() : tactics);
        platforms = List.copyOf(platforms == null ? List.of() : platforms);
        description = description == null ? "" : description;
        mitigations = List.copyOf(mitigations == null ? List.of() : mitigations);
        procedures = List.copyOf(procedures == null ? List.of() : procedures);
    }

    /** True for a sub-technique such as T1078.004. */
    public boolean isSubTechnique() {
        return id.length() > 5;
    }

    /** T1078 for T1078.004; the id itself for a technique. */
    public String parentId() {
        return id.substring(0, 5);
    }

    /** The first sentence of the description, for short displays. */
    public String summary() {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }
}
