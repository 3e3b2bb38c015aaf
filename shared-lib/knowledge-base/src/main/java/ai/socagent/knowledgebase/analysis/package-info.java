/**
 * Text analysis of the technique ranking ({@link ai.socagent.knowledgebase.analysis.TextAnalyzer}):
 * done in Java, once, for documents and queries alike, so that Lucene and OpenSearch index and
 * match the same pre-analysed terms (whitespace-separated) and neither depends on a language
 * analyzer (OpenSearch's core distribution has none).
 */
package ai.socagent.knowledgebase.analysis;
