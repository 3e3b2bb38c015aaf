package ai.socagent.agentruntime.attack;

/**
 * An ATT&CK mitigation (course of action).
 *
 * @param id the ATT&CK id (M1031)
 * @param name the display name
 */
public record Mitigation(String id, String name) {}
