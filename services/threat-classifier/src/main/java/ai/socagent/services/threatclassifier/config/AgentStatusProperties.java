package ai.socagent.services.threatclassifier.config;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The agent's status report ({@code soc.agent-status.*}).
 *
 * @param reportEvery how often the instance reports; default 5 s
 * @param instanceId the instance's name in the reports; default the host name (or the process id)
 *     and four random bytes, new at every start
 */
@ConfigurationProperties("soc.agent-status")
public record AgentStatusProperties(Duration reportEvery, String instanceId) {

    public AgentStatusProperties {
        reportEvery = reportEvery == null ? Duration.ofSeconds(5) : reportEvery;
        if (reportEvery.isNegative() || reportEvery.isZero()) {
            throw new IllegalArgumentException("soc.agent-status.report-every must be positive, not " + reportEvery);
        }
        instanceId = instanceId == null || instanceId.isBlank() ? generatedInstanceId() : instanceId;
    }

    private static String generatedInstanceId() {
        String host = System.getenv("HOSTNAME");
        String name =
                host == null || host.isBlank() ? "pid" + ProcessHandle.current().pid() : host;
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return name + "-" + HexFormat.of().formatHex(random);
    }
}
