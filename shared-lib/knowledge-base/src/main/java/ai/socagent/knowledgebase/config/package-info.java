/**
 * Spring Boot auto-configuration of the knowledge base ({@code soc.knowledge-base.*}): the embedded
 * Lucene index or OpenSearch, and what is loaded into it at start-up.
 */
package ai.socagent.knowledgebase.config;
