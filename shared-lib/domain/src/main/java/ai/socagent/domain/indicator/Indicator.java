package ai.socagent.domain.indicator;

import ai.socagent.domain.Preconditions;

/**
 * A validated, normalised observable (IP address, domain, URL, hash, ...).
 *
 * <p>The canonical constructor validates and normalises {@code value} (so two indicators for the
 * same observable are equal whatever their input spelling) and checks that {@code privateAddress}
 * matches the value. Prefer {@link #of(IndicatorType, String)}, which computes the flag.
 *
 * @param type the kind of observable
 * @param value the normalised value: lowercase hashes and domains, lowercase email domain, RFC 5952
 *     IPv6, lowercase URL scheme and host
 * @param privateAddress true for IP addresses that are not publicly routable: RFC 1918, loopback,
 *     link-local, carrier-grade NAT 100.64.0.0/10, IPv6 ULA fc00::/7, ::1 and fe80::/10; always
 *     false for other types
 */
public record Indicator(IndicatorType type, String value, boolean privateAddress) {

    public Indicator {
        Preconditions.requireNonNull(type, "type");
        Preconditions.requireNonNull(value, "value");
        IndicatorNormalizer.Normalized normalized = IndicatorNormalizer.normalize(type, value);
        value = normalized.value();
        if (privateAddress != normalized.privateAddress()) {
            throw new IllegalArgumentException("privateAddress=" + privateAddress + " contradicts " + type + " value '"
                    + value + "', which is " + (normalized.privateAddress() ? "" : "not ") + "a private address");
        }
    }

    /**
     * Validates and normalises {@code value} as an indicator of {@code type}.
     *
     * @throws IllegalArgumentException naming the type and value when the value is not a valid
     *     {@code type}
     */
    public static Indicator of(IndicatorType type, String value) {
        Preconditions.requireNonNull(type, "type");
        Preconditions.requireNonNull(value, "value");
        IndicatorNormalizer.Normalized normalized = IndicatorNormalizer.normalize(type, value);
        return new Indicator(type, normalized.value(), normalized.privateAddress());
    }

    /** True when the indicator is an IP address that is routable on the public internet. */
    public boolean isPublicIpAddress() {
        return type.isIpAddress() && !privateAddress;
    }
}
