package ai.socagent.knowledgebase.attack;

import java.util.List;

/**
 * A group, a piece of software (malware or tool) or a campaign, with the techniques ATT&CK says
 * it used.
 *
 * @param id the ATT&CK id (G0082, S0002, C0001)
 * @param name the display name
 * @param kind {@code group}, {@code malware}, {@code tool} or {@code campaign}
 * @param aliases other names
 * @param description the first paragraph of MITRE's description (citation markers removed, at
 *     most about 600 characters), empty when the extract has none
 * @param techniques ids of the techniques and sub-techniques it used
 */
public record AttackActor(
        String id, String name, String kind, List<String> aliases, String description, List<String> techniques) {

    public AttackActor {
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        description = description == null ? "" : description;
        techniques = List.copyOf(techniques == null ? List.of() : techniques);
    }
}
