package ai.socagent.domain.response;

import ai.socagent.domain.Preconditions;

/** Risk of executing a response action, from least to most risky. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** True when this risk is the same as or higher than {@code other}. */
    public boolean isAtLeast(RiskLevel other) {
        return compareTo(Preconditions.requireNonNull(other, "other")) >= 0;
    }
}
