package ai.socagent.knowledgebase.attack;

/**
 * An ATT&CK tactic.
 *
 * @param id the ATT&CK id (TA0001)
 * @param shortname the kill-chain phase name techniques refer to (initial-access)
 * @param name the display name (Initial Access)
 * @param description the first paragraph of MITRE's description
 */
public record Tactic(String id, String shortname, String name, String description) {}
