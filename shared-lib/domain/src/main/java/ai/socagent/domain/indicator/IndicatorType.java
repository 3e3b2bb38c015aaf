package ai.socagent.domain.indicator;

/** Kinds of observable an {@link Indicator} can carry. */
public enum IndicatorType {
    IPV4,
    IPV6,
    DOMAIN,
    URL,
    SHA256,
    SHA1,
    MD5,
    EMAIL,
    AWS_ACCESS_KEY_ID,
    ARN;

    /** True for the two IP address types, the only ones for which "private address" is meaningful. */
    public boolean isIpAddress() {
        return this == IPV4 || this == IPV6;
    }

    /** True for the three file hash types. */
    public boolean isHash() {
        return this == SHA256 || this == SHA1 || this == MD5;
    }
}
