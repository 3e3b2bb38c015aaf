/** The agent runtime's figures of this process's model calls, for the classifier's status. */
package ai.socagent.services.threatclassifier.adapter.out.agentruntime;
