/** What the classifier does on a schedule: its status report. */
package ai.socagent.services.threatclassifier.adapter.in.schedule;
