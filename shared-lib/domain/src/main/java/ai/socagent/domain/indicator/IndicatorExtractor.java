package ai.socagent.domain.indicator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place indicators are pulled out of untyped input, for ingestion, classification and
 * enrichment alike: {@link #extract(String)} finds them in free text, {@link #value(String, Set)}
 * reads one untyped field value. Both refang with {@link Indicators#refang(String)} ({@code
 * hxxp://}, {@code hxxps[:]//}, {@code [.]}, {@code (.)}, {@code [dot]}, {@code [:]}, {@code [@]})
 * and validate and normalise with {@link Indicators#tryParse(String)}, so IP addresses in private
 * ranges come back flagged ({@link Indicator#privateAddress()}). In free text, words that merely
 * look like domains are left out: a domain needs an alphabetic top-level label of two or more
 * letters that is not a common file extension ({@code payload.exe}, {@code Node.js}). Plain JDK,
 * stateless, thread-safe.
 */
public final class IndicatorExtractor {

    /** Longest text scanned; the rest is ignored so that a huge description cannot stall the engine. */
    public static final int MAX_TEXT_LENGTH = 1 << 20;

    private static final Pattern CANDIDATE = Pattern.compile("[^\\s\"'<>(){}|,;`\\\\^]+");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\]");
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "exe", "dll", "sys", "bat", "cmd", "ps1", "psm1", "vbs", "js", "jse", "hta", "lnk", "scr", "msi", "jar",
            "py", "sh", "pl", "rb", "php", "asp", "aspx", "jsp", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt",
            "pptx", "pdf", "rtf", "txt", "log", "csv", "json", "xml", "yml", "yaml", "ini", "cfg", "conf", "zip", "rar",
            "gz", "tgz", "tar", "iso", "img", "vhd", "bin", "dat", "tmp", "png", "jpg", "jpeg", "gif", "so", "elf",
            "apk", "ipa", "dmg", "pkg", "deb", "rpm", "md", "html", "htm", "cpp", "java", "class", "go", "rs", "ts");

    private IndicatorExtractor() {}

    /** The distinct indicators in {@code text}: bracketed IPv6 literals first, then the rest in order of appearance. */
    public static List<Indicator> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String refanged =
                Indicators.refang(text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text);
        Set<Indicator> found = new LinkedHashSet<>();
        Matcher ipv6 = BRACKETED_IPV6.matcher(refanged);
        StringBuilder rest = new StringBuilder(refanged.length());
        while (ipv6.find()) {
            if (ipv6.group(1).contains(":")) {
                Indicators.tryParse(ipv6.group(1))
                        .filter(i -> i.type() == IndicatorType.IPV6)
                        .ifPresent(found::add);
            }
            ipv6.appendReplacement(rest, " ");
        }
        ipv6.appendTail(rest);
        Matcher candidates = CANDIDATE.matcher(rest);
        while (candidates.find()) {
            String candidate = trim(candidates.group());
            if (candidate.length() >= 4) {
                parse(candidate).ifPresent(found::add);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * One untyped field value (an observable without a declared type, a product's free-form field)
     * as an indicator of one of the {@code accepted} types; empty when it is none of them.
     */
    public static Optional<Indicator> value(String value, Set<IndicatorType> accepted) {
        if (value == null) {
            return Optional.empty();
        }
        return Indicators.tryParse(value).filter(indicator -> accepted.contains(indicator.type()));
    }

    private static Optional<Indicator> parse(String candidate) {
        Optional<Indicator> parsed = Indicators.tryParse(candidate);
        if (parsed.isEmpty()) {
            return parsed;
        }
        Indicator indicator = parsed.get();
        if (indicator.type() == IndicatorType.DOMAIN && !plausibleDomain(indicator.value())) {
            return Optional.empty();
        }
        if (indicator.type() == IndicatorType.IPV6 && !candidate.contains("::") && countColons(candidate) < 7) {
            return Optional.empty();
        }
        return parsed;
    }

    private static int countColons(String text) {
        return (int) text.chars().filter(c -> c == ':').count();
    }

    private static boolean plausibleDomain(String domain) {
        String tld = domain.substring(domain.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (tld.length() < 2 || FILE_EXTENSIONS.contains(tld)) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (tld.charAt(i) < 'a' || tld.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static String trim(String candidate) {
        int start = 0;
        int end = candidate.length();
        while (start < end && "[*".indexOf(candidate.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ".,:;!?]*".indexOf(candidate.charAt(end - 1)) >= 0) {
            end--;
        }
        return candidate.substring(start, end);
    }
}
