/**
 * MITRE ATT&CK knowledge shipped with the module: techniques, tactics, mitigations, groups,
 * software, campaigns (each with a short description) and procedure examples ({@link ai.socagent.agentruntime.attack.AttackKnowledge}), and the
 * Center for Threat-Informed Defense mapping of GuardDuty finding types to techniques
 * ({@link ai.socagent.agentruntime.attack.GuardDutyTechniqueMapping}). Both are built by
 * scripts/extract-attack.py; ATTACK-NOTICE.txt and CTID-LICENSE.txt travel with them.
 */
package ai.socagent.agentruntime.attack;
