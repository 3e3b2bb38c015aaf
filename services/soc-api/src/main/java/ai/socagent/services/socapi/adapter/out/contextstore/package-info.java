/** The API's read model and audit trail, kept in the shared context store (embedded or DynamoDB). */
package ai.socagent.services.socapi.adapter.out.contextstore;
