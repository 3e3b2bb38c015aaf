package ai.socagent.knowledgebase.attack;

/**
 * A procedure example: how a group, software or campaign used a technique, in MITRE's words
 * (citation markers removed). Only the index part of the split is shipped; see
 * bench/eval/README.md.
 *
 * @param by the ATT&CK id of the group (G...), software (S...) or campaign (C...)
 * @param text the description
 */
public record ProcedureExample(String by, String text) {}
