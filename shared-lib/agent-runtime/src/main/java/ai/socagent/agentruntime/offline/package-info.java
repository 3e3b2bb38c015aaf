/**
 * The offline analysis engine: the embedded default that works without a model.
 *
 * <ul>
 *   <li>{@link ai.socagent.agentruntime.offline.OfflineThreatClassifier} turns a finding into a
 *       classification (category, techniques, tactics, severity, confidence, rationale);
 *   <li>{@link ai.socagent.agentruntime.offline.TechniqueSearch} ranks ATT&CK techniques for free
 *       text with BM25 and says why;
 *   <li>{@link ai.socagent.agentruntime.offline.IndicatorExtractor} finds indicators in free text,
 *       defanged or not;
 *   <li>{@link ai.socagent.agentruntime.offline.SeverityScorer} combines source severity, asset
 *       criticality tags and intelligence hits;
 *   <li>{@link ai.socagent.agentruntime.offline.TechniqueEvaluation} is the evaluation command of
 *       bench/eval.
 * </ul>
 */
package ai.socagent.agentruntime.offline;
