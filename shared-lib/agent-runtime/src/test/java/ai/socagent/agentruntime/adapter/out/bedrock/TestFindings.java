package ai.socagent.agentruntime.adapter.out.bedrock;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import java.time.Instant;

final class TestFindings {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private TestFindings() {}

    static Finding sshBruteForce() {
        return Finding.builder()
                .format(FindingFormat.GUARDDUTY)
                .sourceFindingId("ssh-brute-force")
                .findingType("UnauthorizedAccess:EC2/SSHBruteForce")
                .title("198.51.100.7 is performing SSH brute force attacks against i-0abc.")
                .description("")
                .severity(Severity.MEDIUM)
                .sourceSeverityScore(5.0)
                .firstSeen(NOW)
                .lastSeen(NOW)
                .rawPayload("{}")
                .receivedAt(NOW)
                .build();
    }
}
