package ai.socagent.domain.indicator;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation and normalisation rules behind {@link Indicator#of(IndicatorType, String)}. */
final class IndicatorNormalizer {

    /** Longest value accepted for any indicator type; longer input is rejected, not truncated. */
    static final int MAX_LENGTH = 4096;

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern ARN =
            Pattern.compile("arn:(aws(?:-[a-z]+)*):([a-z0-9][a-z0-9.-]*):([a-z0-9-]*):(\\d{12}|aws|):(\\S+)");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern TOP_LEVEL_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL_LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern URL = Pattern.compile(
            "([A-Za-z]+)://(?:([^@/?#\\s]*)@)?(\\[[^\\]/?#\\s]+\\]|[^:/?#\\s\\[\\]@]+)(?::(\\d{1,5}))?([/?#]\\S*)?");

    record Normalized(String value, boolean privateAddress) {}

    private IndicatorNormalizer() {}

    static Normalized normalize(IndicatorType type, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw invalid(type, raw, "value is blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(type, value.substring(0, 64) + "...", "value is longer than " + MAX_LENGTH + " characters");
        }
        return switch (type) {
            case IPV4 -> {
                byte[] bytes = IpAddresses.parseIpv4(value)
                        .orElseThrow(() -> invalid(
                                type,
                                raw,
                                "expected a dotted quad of four decimal numbers" + " 0-255 without leading zeros"));
                yield new Normalized(IpAddresses.formatIpv4(bytes), IpAddresses.isPrivateIpv4(bytes));
            }
            case IPV6 -> {
                byte[] bytes = IpAddresses.parseIpv6(value)
                        .orElseThrow(() -> invalid(type, raw, "expected an RFC 4291 IPv6 literal"));
                yield new Normalized(IpAddresses.formatIpv6(bytes), IpAddresses.isPrivateIpv6(bytes));
            }
            case DOMAIN ->
                new Normalized(
                        domain(value)
                                .orElseThrow(
                                        () -> invalid(
                                                type,
                                                raw,
                                                "expected a fully"
                                                        + " qualified domain name: dot-separated labels of letters, digits and hyphens")),
                        false);
            case URL -> new Normalized(url(type, raw, value), false);
            case SHA256 -> new Normalized(hash(type, raw, value, 64), false);
            case SHA1 -> new Normalized(hash(type, raw, value, 40), false);
            case MD5 -> new Normalized(hash(type, raw, value, 32), false);
            case EMAIL -> new Normalized(email(type, raw, value), false);
            case AWS_ACCESS_KEY_ID -> {
                if (!ACCESS_KEY_ID.matcher(value).matches()) {
                    throw invalid(type, raw, "expected AKIA or ASIA followed by 16 uppercase letters or digits");
                }
                yield new Normalized(value, false);
            }
            case ARN -> {
                if (!ARN.matcher(value).matches()) {
                    throw invalid(type, raw, "expected arn:partition:service:region:account:resource");
                }
                yield new Normalized(value, false);
            }
        };
    }

    private static String hash(IndicatorType type, String raw, String value, int length) {
        if (value.length() != length || !HEX.matcher(value).matches()) {
            throw invalid(type, raw, "expected " + length + " hexadecimal characters");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String email(IndicatorType type, String raw, String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.length() > 254) {
            throw invalid(type, raw, "expected local-part@domain");
        }
        String local = value.substring(0, at);
        if (local.length() > 64 || !EMAIL_LOCAL_PART.matcher(local).matches()) {
            throw invalid(type, raw, "the local part must be 1-64 characters without spaces or misplaced dots");
        }
        String domain = domain(value.substring(at + 1))
                .orElseThrow(() -> invalid(type, raw, "the part after '@' is not a valid domain name"));
        return local + "@" + domain;
    }

    private static String url(IndicatorType type, String raw, String value) {
        Matcher m = URL.matcher(value);
        if (!m.matches()) {
            throw invalid(type, raw, "expected scheme://host[:port][/path] without whitespace");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
            throw invalid(type, raw, "the scheme must be http, https or ftp");
        }
        String hostText = m.group(3);
        String host;
        if (hostText.startsWith("[")) {
            host = IpAddresses.parseIpv6(hostText.substring(1, hostText.length() - 1))
                    .map(bytes -> "[" + IpAddresses.formatIpv6(bytes) + "]")
                    .orElseThrow(() -> invalid(type, raw, "the bracketed host is not an IPv6 address"));
        } else {
            Optional<byte[]> v4 = IpAddresses.parseIpv4(hostText);
            host = v4.isPresent()
                    ? IpAddresses.formatIpv4(v4.get())
                    : domain(hostText)
                            .orElseThrow(() -> invalid(type, raw, "the host is neither an IP address nor a domain"));
        }
        StringBuilder out = new StringBuilder(value.length()).append(scheme).append("://");
        if (m.group(2) != null) {
            out.append(m.group(2)).append('@');
        }
        out.append(host);
        if (m.group(4) != null) {
            int port = Integer.parseInt(m.group(4));
            if (port < 1 || port > 65535) {
                throw invalid(type, raw, "the port must be between 1 and 65535");
            }
            out.append(':').append(port);
        }
        if (m.group(5) != null) {
            String rest = m.group(5);
            for (int i = 0; i < rest.length(); i++) {
                if (Character.isISOControl(rest.charAt(i))) {
                    throw invalid(type, raw, "the path contains a control character");
                }
            }
            out.append(rest);
        }
        return out.toString();
    }

    /**
     * Lowercase ASCII (punycode) form of a domain name, or empty when it is not a syntactically
     * valid fully qualified name. Underscores are allowed below the top-level label because DNS
     * logs contain service names such as {@code _dmarc.example.com}.
     */
    static Optional<String> domain(String text) {
        String value = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (value.isEmpty() || value.length() > 253) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 127) {
                try {
                    value = IDN.toASCII(value, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                break;
            }
        }
        value = value.toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > 253) {
            return Optional.empty();
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (int i = 0; i < labels.length - 1; i++) {
            if (!LABEL.matcher(labels[i]).matches()) {
                return Optional.empty();
            }
        }
        String top = labels[labels.length - 1];
        if (!TOP_LEVEL_LABEL.matcher(top).matches() || top.chars().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static IllegalArgumentException invalid(IndicatorType type, String value, String reason) {
        String shown = value.length() > 128 ? value.substring(0, 128) + "..." : value;
        return new IllegalArgumentException("Invalid " + type + " indicator '" + shown + "': " + reason);
    }
}
