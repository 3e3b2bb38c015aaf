package ai.socagent.domain.indicator;

/** Verdict a threat intelligence source gives for an indicator. */
public enum Reputation {
    MALICIOUS,
    SUSPICIOUS,
    UNKNOWN,
    BENIGN
}
