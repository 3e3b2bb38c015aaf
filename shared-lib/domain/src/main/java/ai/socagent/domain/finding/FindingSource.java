package ai.socagent.domain.finding;

/** The system that delivered a finding to us. */
public enum FindingSource {
    /** Amazon GuardDuty, directly or through its EventBridge event. */
    GUARDDUTY,
    /** AWS Security Hub (ASFF), whatever product generated the finding. */
    SECURITY_HUB,
    /** An OCSF Detection Finding (class_uid 2004), e.g. from Security Lake. */
    OCSF,
    /** A plain threat JSON posted to our REST API. */
    API
}
