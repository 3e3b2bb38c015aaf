package ai.socagent.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class IndicatorProperties {

    @Property
    void of_anyDottedQuad_parsesAndRoundTrips(
            @ForAll @IntRange(min = 0, max = 255) int a,
            @ForAll @IntRange(min = 0, max = 255) int b,
            @ForAll @IntRange(min = 0, max = 255) int c,
            @ForAll @IntRange(min = 0, max = 255) int d) {
        String text = a + "." + b + "." + c + "." + d;
        Indicator indicator = Indicator.of(IndicatorType.IPV4, text);
        assertThat(indicator.value()).isEqualTo(text);
        assertThat(Indicators.tryParse(text)).contains(indicator);
    }

    @Property
    void of_anyIpv6Address_agreesWithJdkAndRoundTrips(@ForAll @Size(16) List<Byte> bytes) throws UnknownHostException {
        byte[] address = new byte[16];
        for (int i = 0; i < 16; i++) {
            address[i] = bytes.get(i);
        }
        // getByAddress never performs a lookup; getHostAddress gives the uncompressed form.
        String uncompressed = InetAddress.getByAddress(address).getHostAddress();
        Indicator fromUncompressed = Indicator.of(IndicatorType.IPV6, toFullHex(address));
        Indicator reparsed = Indicator.of(IndicatorType.IPV6, fromUncompressed.value());
        assertThat(reparsed).isEqualTo(fromUncompressed);
        assertThat(IpAddresses.parseIpv6(fromUncompressed.value()))
                .hasValueSatisfying(parsed -> assertThat(parsed).containsExactly(address));
        if (uncompressed.contains(":")) {
            assertThat(IpAddresses.parseIpv6(uncompressed))
                    .hasValueSatisfying(parsed -> assertThat(parsed).containsExactly(address));
        }
    }

    @Property
    void of_anyHexOfHashLength_isLowercased(@ForAll("sha256Hex") String hex) {
        assertThat(Indicator.of(IndicatorType.SHA256, hex).value()).isEqualTo(hex.toLowerCase(Locale.ROOT));
    }

    @Property
    void tryParse_defangedDomain_equalsPlainDomain(@ForAll("domains") String domain) {
        Indicator plain = Indicator.of(IndicatorType.DOMAIN, domain);
        assertThat(Indicators.tryParse(domain.replace(".", "[.]"))).contains(plain);
        assertThat(Indicators.tryParse("hxxps://" + domain.replace(".", "(.)") + "/x"))
                .contains(Indicator.of(IndicatorType.URL, "https://" + domain + "/x"));
    }

    @Property
    void tryParse_arbitraryText_neverThrows(@ForAll @StringLength(max = 80) String text) {
        assertThatCode(() -> Indicators.tryParse(text)).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> sha256Hex() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64);
    }

    @Provide
    Arbitrary<String> domains() {
        Arbitrary<String> label = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                .ofMinLength(1)
                .ofMaxLength(20);
        Arbitrary<String> tld = Arbitraries.of("com", "net", "org", "example", "io");
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(3), tld)
                .as((labels, top) -> String.join(".", labels) + "." + top);
    }

    private static String toFullHex(byte[] address) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex.toHexDigits(address[i])).append(hex.toHexDigits(address[i + 1]));
        }
        return out.toString();
    }
}
