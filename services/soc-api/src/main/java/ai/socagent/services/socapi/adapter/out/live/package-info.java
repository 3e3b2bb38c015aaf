/**
 * Threat updates handed to this instance's live views (the update stream's followers): {@link
 * ai.socagent.services.socapi.adapter.out.live.InProcessThreatUpdates}.
 */
package ai.socagent.services.socapi.adapter.out.live;
