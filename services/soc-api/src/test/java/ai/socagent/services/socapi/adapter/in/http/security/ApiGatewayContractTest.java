package ai.socagent.services.socapi.adapter.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.config.SocApiThrottleProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * soc-api and the Terraform of its API Gateway (infra/modules/api-gateway) cannot drift: the header
 * names, where the caller's ARN comes from, the authorisation type and the throttle figures are
 * declared once, in the module's soc-api-contract.json, which Terraform reads; this test holds that
 * file to the Java constants and the .tf files to using it (no literal of their own).
 */
class ApiGatewayContractTest {

    private static final Path MODULE = Path.of("../../infra/modules/api-gateway");
    private static final JsonNode CONTRACT = JsonMapper.builder()
            .build()
            .readTree(MODULE.resolve("soc-api-contract.json").toFile());

    @Test
    void contract_namesTheHeadersTheFilterReads() {
        assertThat(CONTRACT.at("/headers/callerArn/name").asString())
                .isEqualTo(GatewayIamAuthenticationFilter.CALLER_ARN_HEADER);
        assertThat(CONTRACT.at("/headers/gatewaySecret/name").asString())
                .isEqualTo(GatewayIamAuthenticationFilter.SECRET_HEADER);
        // the IAM user or assumed-role ARN of a SigV4-authorised request, what the role patterns match
        assertThat(CONTRACT.at("/headers/callerArn/from").asString()).isEqualTo("context.identity.userArn");
        assertThat(CONTRACT.at("/authorization").asString()).isEqualTo("AWS_IAM");
    }

    @Test
    void contract_throttleFigures_areSocApisDefaults() {
        SocApiThrottleProperties defaults = new SocApiThrottleProperties(null, null, null, null, null, null, null);
        assertThat(CONTRACT.at("/throttle/ratePerSecond").asLong())
                .isEqualTo(defaults.ratePerSecond())
                .isEqualTo(SocApiThrottleProperties.DEFAULT_RATE_PER_SECOND);
        assertThat(CONTRACT.at("/throttle/burst").asLong())
                .isEqualTo(defaults.burst())
                .isEqualTo(SocApiThrottleProperties.DEFAULT_BURST);
    }

    @Test
    void terraform_takesTheNamesFromTheContract_andWritesNoneOfItsOwn() throws IOException {
        // whitespace as one space: terraform fmt aligns the equals signs of a block
        String main = Files.readString(MODULE.resolve("main.tf")).replaceAll("\\s+", " ");
        assertThat(main).contains("jsondecode(file(\"${path.module}/soc-api-contract.json\"))");
        // both integrations map the two headers, the ARN from the context, the secret as a static value
        assertThat(main)
                .contains(
                        "\"integration.request.header.${local.caller_arn_header}\" = local.contract.headers.callerArn.from")
                .contains(
                        "\"integration.request.header.${local.gateway_secret_header}\" = \"'${local.gateway_secret}'\"")
                .contains("caller_arn_header = local.contract.headers.callerArn.name")
                .contains("gateway_secret_header = local.contract.headers.gatewaySecret.name");
        assertThat(count(main, "request_parameters = (merge\\()?local\\.forwarded_headers"))
                .isEqualTo(2);
        // every method authorised by the contract's type, throttled by its figures unless overridden
        assertThat(count(main, "authorization = local\\.authorization"))
                .isEqualTo(count(main, "resource \"aws_api_gateway_method\""));
        assertThat(main)
                .contains("coalesce(var.throttle_rate_limit, local.contract.throttle.ratePerSecond)")
                .contains("coalesce(var.throttle_burst_limit, local.contract.throttle.burst)")
                .contains("throttling_rate_limit = local.throttle_rate_limit")
                .contains("throttling_burst_limit = local.throttle_burst_limit")
                .contains("data_trace_enabled = false");

        List<String> literals = List.of(
                GatewayIamAuthenticationFilter.CALLER_ARN_HEADER.toLowerCase(),
                GatewayIamAuthenticationFilter.SECRET_HEADER.toLowerCase(),
                "\"aws_iam\"");
        try (Stream<Path> files = Files.list(MODULE)) {
            for (Path tf : files.filter(file -> file.toString().endsWith(".tf")).toList()) {
                String text = Files.readString(tf).toLowerCase();
                assertThat(literals)
                        .as(tf + " writes none of the contract's names")
                        .noneMatch(text::contains);
            }
        }
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
