/**
 * The guard rails of the HTTP edge (issue #11): who is calling (API key, JWT, IAM caller through API
 * Gateway), what their role lets them do, how often they may call, and the RFC 9457 problem
 * documents of a refusal (401, 403, 429).
 */
package ai.socagent.services.socapi.adapter.in.http.security;
