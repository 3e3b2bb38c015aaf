/**
 * The ThreatClassifier's offline engine, the answer whenever no model gives one:
 *
 * <ul>
 *   <li>{@link ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier}
 *       turns a finding into a classification (category, techniques, tactics, severity,
 *       confidence, rationale), asking the knowledge base's technique ranking through its port;
 *   <li>{@link ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping}
 *       is the Center for Threat-Informed Defense mapping of GuardDuty finding types to techniques
 *       ({@code attack/guardduty-ctid.json}, with CTID-LICENSE.txt, built by scripts/extract-attack.py);
 *   <li>{@link ai.socagent.services.threatclassifier.application.offline.SeverityScorer} combines
 *       source severity, asset criticality tags and intelligence hits.
 * </ul>
 */
package ai.socagent.services.threatclassifier.application.offline;
