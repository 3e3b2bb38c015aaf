/**
 * The MITRE ATT&CK Enterprise extract the knowledge base ships and indexes: techniques, tactics,
 * mitigations, groups, software, campaigns (each with a short description) and the index part of
 * the procedure examples ({@link ai.socagent.knowledgebase.attack.AttackKnowledge}). Plain Java
 * (Jackson reads the extract), so agents' application code can use the model directly. Built by
 * scripts/extract-attack.py; ATTACK-NOTICE.txt travels with it.
 */
package ai.socagent.knowledgebase.attack;
