/** The classifier's results on the agents' bus (in-process or EventBridge). */
package ai.socagent.services.threatclassifier.adapter.out.eventbus;
