package ai.socagent.agentruntime.offline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorExtractorTest {

    private final IndicatorExtractor extractor = new IndicatorExtractor();

    @Test
    void extract_defangedUrlAndDomain_areRefangedAndNormalised() {
        List<Indicator> found =
                extractor.extract("Beacon to hxxps[:]//Evil-Example[.]com/gate.php and c2.bad-domain(.)net.");

        assertThat(found)
                .containsExactly(
                        Indicator.of(IndicatorType.URL, "https://evil-example.com/gate.php"),
                        Indicator.of(IndicatorType.DOMAIN, "c2.bad-domain.net"));
    }

    @Test
    void extract_ipAddresses_flagsPrivateRanges() {
        List<Indicator> found =
                extractor.extract("SSH from 198.51.100.23 to 10.0.3.7, then 203.0.113[.]9; gw [fe80::1]");

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

        assertThat(extractor.extract(text))
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
        assertThat(extractor.extract("Dropped payload.exe and run.ps1 with Node.js v1.2.3, e.g. at 12:30 i.e. later"))
                .isEmpty();
    }

    @Test
    void extract_repeatedIndicator_isReturnedOnce() {
        assertThat(extractor.extract("1.2.3.4 contacted 1.2.3.4 again")).hasSize(1);
    }

    @Test
    void extract_nullOrEmpty_isEmpty() {
        assertThat(extractor.extract(null)).isEmpty();
        assertThat(extractor.extract("")).isEmpty();
    }
}
