package ai.socagent.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorTest {

    @ParameterizedTest
    @CsvSource({
        "IPV4, ' 198.51.100.7 ', 198.51.100.7",
        "IPV6, 2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "IPV6, 2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "IPV6, 0:0:0:0:0:0:0:0, ::",
        "IPV6, ::ffff:203.0.113.9, ::ffff:203.0.113.9",
        "IPV6, 64:ff9b::198.51.100.1, 64:ff9b::c633:6401",
        "DOMAIN, Evil.Example.COM., evil.example.com",
        "DOMAIN, _dmarc.example.org, _dmarc.example.org",
        "DOMAIN, bücher.example, xn--bcher-kva.example",
        "URL, HTTPS://Evil.Example.com:8443/Path?q=A#Frag, https://evil.example.com:8443/Path?q=A#Frag",
        "URL, http://198.51.100.7/x, http://198.51.100.7/x",
        "URL, 'http://[2001:DB8::1]/', 'http://[2001:db8::1]/'",
        "URL, ftp://user@files.example.net, ftp://user@files.example.net",
        "SHA256, E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855,"
                + " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "SHA1, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709, da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "MD5, D41D8CD98F00B204E9800998ECF8427E, d41d8cd98f00b204e9800998ecf8427e",
        "EMAIL, John.Doe@Example.COM, John.Doe@example.com",
        "AWS_ACCESS_KEY_ID, AKIAIOSFODNN7EXAMPLE, AKIAIOSFODNN7EXAMPLE",
        "AWS_ACCESS_KEY_ID, ASIAQWERTYUIOPASDFGH, ASIAQWERTYUIOPASDFGH",
        "ARN, arn:aws:iam::123456789012:user/alice, arn:aws:iam::123456789012:user/alice",
        "ARN, arn:aws:s3:::my-bucket, arn:aws:s3:::my-bucket",
        "ARN, arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-0abc,"
                + " arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-0abc"
    })
    void of_validValue_normalises(IndicatorType type, String input, String expected) {
        assertThat(Indicator.of(type, input).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "IPV4, 256.1.1.1",
        "IPV4, 1.2.3",
        "IPV4, 1.2.3.4.5",
        "IPV4, 01.2.3.4",
        "IPV4, 1.2.3.-4",
        "IPV4, 1..3.4",
        "IPV4, '१.2.3.4'",
        "IPV6, 1:2:3:4:5:6:7",
        "IPV6, 1:2:3:4:5:6:7:8:9",
        "IPV6, 1::2::3",
        "IPV6, 12345::1",
        "IPV6, fe80::1%eth0",
        "IPV6, :1:2:3:4:5:6:7",
        "IPV6, 1.2.3.4::",
        "IPV6, ::g",
        "DOMAIN, localhost",
        "DOMAIN, -bad.example.com",
        "DOMAIN, bad-.example.com",
        "DOMAIN, a..example.com",
        "DOMAIN, 198.51.100.7",
        "DOMAIN, exa mple.com",
        "URL, javascript:alert(1)",
        "URL, file:///etc/passwd",
        "URL, http://",
        "URL, http://exa mple.com/",
        "URL, http://example.com:70000/",
        "URL, gopher://example.com/",
        "SHA256, abc",
        "SHA1, zz39a3ee5e6b4b0d3255bfef95601890afd80709",
        "MD5, d41d8cd98f00b204e9800998ecf8427",
        "EMAIL, no-at-sign.example.com",
        "EMAIL, .dot@example.com",
        "EMAIL, a@localhost",
        "AWS_ACCESS_KEY_ID, akiaiosfodnn7example",
        "AWS_ACCESS_KEY_ID, AKIAIOSFODNN7EXAMPL",
        "AWS_ACCESS_KEY_ID, ABIAIOSFODNN7EXAMPLE",
        "ARN, arn:aws:iam:123456789012:user/alice",
        "ARN, arn:aws:iam::12345:user/alice",
        "ARN, 'arn:aws:iam::123456789012:user/al ice'"
    })
    void of_invalidValue_throwsNamingTypeAndValue(IndicatorType type, String input) {
        assertThatThrownBy(() -> Indicator.of(type, input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(type.name())
                .hasMessageContaining(input);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.254",
                "192.168.1.1",
                "127.0.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255"
            })
    void of_privateIpv4_isPrivate(String address) {
        assertThat(Indicator.of(IndicatorType.IPV4, address).privateAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "198.51.100.7", "8.8.8.8"})
    void of_publicIpv4_isNotPrivate(String address) {
        Indicator indicator = Indicator.of(IndicatorType.IPV4, address);
        assertThat(indicator.privateAddress()).isFalse();
        assertThat(indicator.isPublicIpAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1", "::ffff:10.1.2.3"})
    void of_privateIpv6_isPrivate(String address) {
        assertThat(Indicator.of(IndicatorType.IPV6, address).privateAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::1", "fec0::1", "fbff::1", "::2", "::ffff:198.51.100.7"})
    void of_publicIpv6_isNotPrivate(String address) {
        assertThat(Indicator.of(IndicatorType.IPV6, address).privateAddress()).isFalse();
    }

    @Test
    void constructor_privateFlagContradictsValue_throws() {
        assertThatThrownBy(() -> new Indicator(IndicatorType.IPV4, "10.0.0.1", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateAddress=false");
        assertThatThrownBy(() -> new Indicator(IndicatorType.DOMAIN, "example.com", true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_unnormalisedValue_isNormalisedSoEqualIndicatorsAreEqual() {
        assertThat(new Indicator(IndicatorType.DOMAIN, "EXAMPLE.com", false))
                .isEqualTo(Indicator.of(IndicatorType.DOMAIN, "example.com"));
    }

    @Test
    void of_nullArguments_throwWithName() {
        assertThatThrownBy(() -> Indicator.of(null, "x")).hasMessage("type must not be null");
        assertThatThrownBy(() -> Indicator.of(IndicatorType.IPV4, null)).hasMessage("value must not be null");
        assertThatThrownBy(() -> Indicator.of(IndicatorType.IPV4, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void of_overlongValue_throws() {
        String longUrl = "http://example.com/" + "a".repeat(5000);
        assertThatThrownBy(() -> Indicator.of(IndicatorType.URL, longUrl))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 4096");
    }

    @Test
    void typeHelpers_eachType_classifiedCorrectly() {
        assertThat(IndicatorType.IPV6.isIpAddress()).isTrue();
        assertThat(IndicatorType.DOMAIN.isIpAddress()).isFalse();
        assertThat(IndicatorType.MD5.isHash()).isTrue();
        assertThat(IndicatorType.URL.isHash()).isFalse();
    }
}
