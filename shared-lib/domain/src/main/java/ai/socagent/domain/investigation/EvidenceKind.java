package ai.socagent.domain.investigation;

/** What a piece of evidence is. */
public enum EvidenceKind {
    LOG_EVENT,
    API_CALL,
    NETWORK_FLOW,
    DNS_QUERY,
    FINDING,
    THREAT_INTEL_HIT,
    CONTEXT_MATCH,
    ARTIFACT
}
