/**
 * Reserved for issue #5: threat-intelligence search over ATT\&CK objects and indicators, on OpenSearch and on an embedded Lucene index.
 *
 * <p>The module exists from the foundation on so that the layout of the repository is the
 * picture of the architecture (docs/architecture.md) and the architecture rules already run
 * here; it holds no behaviour until that issue lands.
 */
package ai.socagent.knowledgebase;
