package ai.socagent.domain.finding;

/** The wire format a finding arrived in; each format belongs to exactly one {@link FindingSource}. */
public enum FindingFormat {
    /** A bare GuardDuty finding object. */
    GUARDDUTY(FindingSource.GUARDDUTY),
    /** A GuardDuty finding wrapped in the EventBridge event ("GuardDuty Finding"). */
    GUARDDUTY_EVENT(FindingSource.GUARDDUTY),
    /** A bare ASFF finding, or a {"Findings": [...]} batch of them. */
    ASFF(FindingSource.SECURITY_HUB),
    /** ASFF findings in the EventBridge event "Security Hub Findings - Imported". */
    ASFF_EVENT(FindingSource.SECURITY_HUB),
    /** An OCSF Detection Finding, class_uid 2004. */
    OCSF_DETECTION_FINDING(FindingSource.OCSF),
    /** A plain threat JSON submitted to the REST API. */
    PLAIN_THREAT(FindingSource.API);

    private final FindingSource source;

    FindingFormat(FindingSource source) {
        this.source = source;
    }

    public FindingSource source() {
        return source;
    }
}
