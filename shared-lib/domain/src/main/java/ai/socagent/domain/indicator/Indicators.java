package ai.socagent.domain.indicator;

import ai.socagent.domain.Preconditions;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Helpers for indicators found as free text, typically pasted from threat reports. */
public final class Indicators {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern URL_SCHEME = Pattern.compile("(?i)(https?|ftp)://.*");
    private static final Pattern DEFANGED_SCHEME = Pattern.compile("(?i)\\b(hxxp|hxtp|fxp)(s?)(\\[:\\]|:)//");
    private static final Pattern DEFANGED_DOT =
            Pattern.compile("(?i)\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)");

    private Indicators() {}

    /**
     * Undoes the common defanging conventions, in a value or anywhere in a text: {@code hxxp://},
     * {@code hxxps://}, {@code hxtp://}, {@code hxxps[:]//} (any case), {@code fxp://}, {@code [.]},
     * {@code (.)}, {@code {.}}, {@code [dot]}, {@code (dot)}, {@code [:]}, {@code [@]} and {@code
     * [at]}; leading and trailing whitespace is removed. Other text is left untouched.
     */
    public static String refang(String text) {
        Preconditions.requireNonNull(text, "text");
        String out = DEFANGED_SCHEME.matcher(text.strip()).replaceAll(m -> {
            String scheme = m.group(1).toLowerCase(Locale.ROOT).equals("fxp") ? "ftp" : "http";
            return scheme + m.group(2).toLowerCase(Locale.ROOT) + "://";
        });
        out = DEFANGED_DOT.matcher(out).replaceAll(".");
        return out.replace("[:]", ":").replace("[@]", "@").replace("[at]", "@");
    }

    /**
     * Guesses the type of a free-text observable (after {@link #refang(String)}) and returns the
     * normalised indicator, or empty when the text is no recognisable indicator. Hex strings of 32,
     * 40 and 64 characters are taken as MD5, SHA-1 and SHA-256; anything containing {@code ://} must
     * be an http, https or ftp URL; IPv6 literals may be enclosed in brackets.
     */
    public static Optional<Indicator> tryParse(String text) {
        Preconditions.requireNonNull(text, "text");
        String value = refang(text);
        if (value.isEmpty() || value.length() > IndicatorNormalizer.MAX_LENGTH) {
            return Optional.empty();
        }
        IndicatorType type = guessType(value);
        if (type == null) {
            return Optional.empty();
        }
        if (type == IndicatorType.IPV6 && value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Optional.of(Indicator.of(type, value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static IndicatorType guessType(String value) {
        if (value.contains("://")) {
            return URL_SCHEME.matcher(value).matches() ? IndicatorType.URL : null;
        }
        if (value.startsWith("arn:")) {
            return IndicatorType.ARN;
        }
        if (ACCESS_KEY_ID.matcher(value).matches()) {
            return IndicatorType.AWS_ACCESS_KEY_ID;
        }
        if (HEX.matcher(value).matches()) {
            switch (value.length()) {
                case 32:
                    return IndicatorType.MD5;
                case 40:
                    return IndicatorType.SHA1;
                case 64:
                    return IndicatorType.SHA256;
                default:
                    break;
            }
        }
        if (value.indexOf('@') >= 0) {
            return IndicatorType.EMAIL;
        }
        if (IpAddresses.parseIpv4(value).isPresent()) {
            return IndicatorType.IPV4;
        }
        if (value.indexOf(':') >= 0) {
            return IndicatorType.IPV6;
        }
        return value.indexOf('.') >= 0 ? IndicatorType.DOMAIN : null;
    }
}
