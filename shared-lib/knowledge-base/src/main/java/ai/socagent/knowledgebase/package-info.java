/**
 * Threat-intelligence search over ATT\&CK (techniques, mitigations, groups, software, campaigns)
 * and indicators of compromise.
 *
 * <p>{@link ai.socagent.knowledgebase.KnowledgeBase} is the port; {@code adapter.out.opensearch}
 * implements it on OpenSearch (opensearch-java) and {@code adapter.out.lucene} on an embedded
 * Apache Lucene index for the standalone mode. Both pass the same contract tests. {@code feed}
 * loads indicators and techniques from STIX 2.1 bundles and CSV feeds; {@code config} is the
 * Spring Boot auto-configuration.
 */
package ai.socagent.knowledgebase;
