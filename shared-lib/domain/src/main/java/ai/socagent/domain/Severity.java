package ai.socagent.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Normalised severity of a finding or classification. Constants are declared from most to least
 * severe; use {@link #level()} or {@link #isAtLeast(Severity)} to compare, never the ordinal.
 */
public enum Severity {
    CRITICAL(4, 90),
    HIGH(3, 70),
    MEDIUM(2, 40),
    LOW(1, 1),
    INFORMATIONAL(0, 0);

    private final int level;
    private final int asffNormalized;

    Severity(int level, int asffNormalized) {
        this.level = level;
        this.asffNormalized = asffNormalized;
    }

    /** 0 for {@link #INFORMATIONAL} up to 4 for {@link #CRITICAL}: higher means more severe. */
    public int level() {
        return level;
    }

    /** True when this severity is the same as or more severe than {@code other}. */
    public boolean isAtLeast(Severity other) {
        return level >= Preconditions.requireNonNull(other, "other").level;
    }

    /**
     * The ASFF {@code Severity.Normalized} value Security Hub assigns when a finding only carries a
     * label (INFORMATIONAL 0, LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90).
     */
    public int asffNormalized() {
        return asffNormalized;
    }

    /**
     * Maps a GuardDuty severity score to its band: below 1.0 INFORMATIONAL, 1.0-3.9 LOW, 4.0-6.9
     * MEDIUM, 7.0-8.9 HIGH, 9.0-10.0 CRITICAL. Scores between two bands (e.g. 3.95) fall in the
     * lower band.
     *
     * @throws IllegalArgumentException when the score is not a number between 0 and 10
     */
    public static Severity fromGuardDutyScore(double score) {
        if (!Double.isFinite(score) || score < 0.0 || score > 10.0) {
            throw new IllegalArgumentException(
                    "GuardDuty severity score must be between 0.0 and 10.0 but was " + score);
        }
        if (score < 1.0) {
            return INFORMATIONAL;
        }
        if (score < 4.0) {
            return LOW;
        }
        if (score < 7.0) {
            return MEDIUM;
        }
        if (score < 9.0) {
            return HIGH;
        }
        return CRITICAL;
    }

    /**
     * Maps an ASFF {@code Severity.Normalized} value: 0 INFORMATIONAL, 1-39 LOW, 40-69 MEDIUM,
     * 70-89 HIGH, 90-100 CRITICAL.
     *
     * @throws IllegalArgumentException when the value is outside 0..100
     */
    public static Severity fromAsffNormalized(int normalized) {
        if (normalized < 0 || normalized > 100) {
            throw new IllegalArgumentException(
                    "ASFF normalized severity must be between 0 and 100 but was " + normalized);
        }
        if (normalized == 0) {
            return INFORMATIONAL;
        }
        if (normalized < 40) {
            return LOW;
        }
        if (normalized < 70) {
            return MEDIUM;
        }
        if (normalized < 90) {
            return HIGH;
        }
        return CRITICAL;
    }

    /**
     * Maps an OCSF {@code severity_id}: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical and 6
     * Fatal (reported as CRITICAL). 0 Unknown and 99 Other carry no severity, so they yield
     * {@link Optional#empty()} and the caller decides on a fallback.
     *
     * @throws IllegalArgumentException for any id the OCSF schema does not define
     */
    public static Optional<Severity> fromOcsfSeverityId(int severityId) {
        return switch (severityId) {
            case 0, 99 -> Optional.empty();
            case 1 -> Optional.of(INFORMATIONAL);
            case 2 -> Optional.of(LOW);
            case 3 -> Optional.of(MEDIUM);
            case 4 -> Optional.of(HIGH);
            case 5, 6 -> Optional.of(CRITICAL);
            default ->
                throw new IllegalArgumentException("OCSF severity_id must be one of 0-6 or 99 but was " + severityId);
        };
    }

    /**
     * Parses a severity label case-insensitively, ignoring surrounding whitespace. Accepts the
     * constant names and {@code INFO} for {@link #INFORMATIONAL}.
     *
     * @throws IllegalArgumentException for any other label
     */
    public static Severity parseLabel(String label) {
        return tryParseLabel(label)
                .orElseThrow(() -> new IllegalArgumentException("Unknown severity label '" + label
                        + "'; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL (or INFO)"));
    }

    /** Like {@link #parseLabel(String)} but returns empty instead of throwing. */
    public static Optional<Severity> tryParseLabel(String label) {
        Preconditions.requireNonNull(label, "label");
        String normalized = label.strip().toUpperCase(Locale.ROOT);
        if (normalized.equals("INFO")) {
            return Optional.of(INFORMATIONAL);
        }
        for (Severity severity : values()) {
            if (severity.name().equals(normalized)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
