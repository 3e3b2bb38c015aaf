package ai.socagent.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorsTest {

    @ParameterizedTest
    @CsvSource({
        "hxxp://evil[.]example[.]com/payload, URL, http://evil.example.com/payload",
        "HXXPS://evil(.)example(.)com, URL, https://evil.example.com",
        "hxxps[:]//evil[.]example[.]com/a, URL, https://evil.example.com/a",
        "198[.]51[.]100[.]7, IPV4, 198.51.100.7",
        "10.1.2.3, IPV4, 10.1.2.3",
        "2001[:]db8::1, IPV6, 2001:db8::1",
        "'[2001:db8::2]', IPV6, 2001:db8::2",
        "evil[.]example[.]com, DOMAIN, evil.example.com",
        "attacker[@]example[.]com, EMAIL, attacker@example.com",
        "D41D8CD98F00B204E9800998ECF8427E, MD5, d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709, SHA1, da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, SHA256,"
                + " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "AKIAIOSFODNN7EXAMPLE, AWS_ACCESS_KEY_ID, AKIAIOSFODNN7EXAMPLE",
        "arn:aws:iam::123456789012:role/admin, ARN, arn:aws:iam::123456789012:role/admin"
    })
    void tryParse_recognisableText_guessesTypeAndNormalises(String text, IndicatorType type, String value) {
        Indicator indicator = Indicators.tryParse(text).orElseThrow();
        assertThat(indicator.type()).isEqualTo(type);
        assertThat(indicator.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "hello",
                "not an indicator at all",
                "999.1.1.1",
                "javascript://alert",
                "deadbeef",
                "a@b",
                "::zz"
            })
    void tryParse_unrecognisableText_isEmpty(String text) {
        assertThat(Indicators.tryParse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "hxxp://a[.]b, http://a.b",
        "fxp://files(.)example(.)net, ftp://files.example.net",
        "x[@]y[.]z, x@y.z",
        "'see hxtp://a[dot]b and x[at]y(dot)z', 'see http://a.b and x@y.z'",
        "plain.example.com, plain.example.com"
    })
    void refang_defangedText_restoresOriginal(String defanged, String expected) {
        assertThat(Indicators.refang(defanged)).isEqualTo(expected);
    }
}
