/** The technique search port on the shared knowledge base (Lucene or OpenSearch). */
package ai.socagent.services.threatclassifier.adapter.out.knowledgebase;
