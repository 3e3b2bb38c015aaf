/** The classifier's conclusions kept in the shared context store (embedded or DynamoDB). */
package ai.socagent.services.threatclassifier.adapter.out.contextstore;
