package ai.socagent.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndicatorExtractorTest {

    @Test
    void extract_defangedUrlAndDomain_areRefangedAndNormalised() {
        List<Indicator> found =
                IndicatorExtractor.extract("Beacon to hxxps[:]//Evil-Example[.]com/gate.php and c2.bad-domain(.)net.");

        assertThat(found)
                .containsExactly(
                        Indicator.of(IndicatorType.URL, "https://evil-example.com/gate.php"),
                        Indicator.of(IndicatorType.DOMAIN, "c2.bad-domain.net"));
    }

    @Test
    void extract_ipAddresses_flagsPrivateRanges() {
        List<Indicator> found =
                IndicatorExtractor.extract("SSH from 198.51.100.23 to 10.0.3.7, then 203.0.113[.]9; gw [fe80::1]");

        assertThat(found)
                .extracting(Indicator::value, Indicator::privateAddress)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fe80::1", true),
                        org.assertj.core.groups.Tuple.tuple("198.51.100.23", false),
                        org.assertj.core.groups.Tuple.tuple("10.0.3.7", true),
                        org.assertj.core.groups.Tuple.tuple("203.0.113.9", false));
    }

    @Test
    void extract_hashesEmailKeyAndArn_areTyped() {
        String text = "sha256 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855, md5"
                + " d41d8cd98f00b204e9800998ecf8427e, phish from bob[@]example.org, key AKIAIOSFODNN7EXAMPLE used on"
                + " arn:aws:iam::123456789012:user/alice";

        assertThat(IndicatorExtractor.extract(text))
                .extracting(Indicator::type)
                .containsExactly(
                        IndicatorType.SHA256,
                        IndicatorType.MD5,
                        IndicatorType.EMAIL,
                        IndicatorType.AWS_ACCESS_KEY_ID,
                        IndicatorType.ARN);
    }

    @Test
    void extract_fileNamesVersionsAndAbbreviations_areNotDomains() {
        assertThat(IndicatorExtractor.extract(
                        "Dropped payload.exe and run.ps1 with Node.js v1.2.3, e.g. at 12:30 i.e. later"))
                .isEmpty();
    }

    @Test
    void extract_repeatedIndicator_isReturnedOnce() {
        assertThat(IndicatorExtractor.extract("1.2.3.4 contacted 1.2.3.4 again"))
                .hasSize(1);
    }

    @Test
    void extract_nullOrEmpty_isEmpty() {
        assertThat(IndicatorExtractor.extract(null)).isEmpty();
        assertThat(IndicatorExtractor.extract("")).isEmpty();
    }

    @Test
    void value_untypedFieldValue_isRefangedValidatedAndKeptOnlyWhenOfAnAcceptedType() {
        assertThat(IndicatorExtractor.value(" 198.51.100[.]7 ", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6)))
                .contains(Indicator.of(IndicatorType.IPV4, "198.51.100.7"));
        assertThat(IndicatorExtractor.value("D41D8CD98F00B204E9800998ECF8427E", EnumSet.of(IndicatorType.MD5)))
                .contains(Indicator.of(IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(IndicatorExtractor.value("evil.example", EnumSet.of(IndicatorType.IPV4)))
                .isEqualTo(Optional.empty());
        assertThat(IndicatorExtractor.value("not an indicator", EnumSet.allOf(IndicatorType.class)))
                .isEmpty();
        assertThat(IndicatorExtractor.value(null, EnumSet.allOf(IndicatorType.class)))
                .isEmpty();
    }
}
