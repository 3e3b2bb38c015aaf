/** Token budgets per day and per investigation, and the token consumption metric. */
package ai.socagent.agentruntime.budget;
