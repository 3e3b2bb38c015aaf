package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.threat.Threat;
import java.util.List;
import java.util.Objects;

/** The outcome of one accepted submission: the detected format and a threat per finding. */
public record SubmissionReceipt(FindingFormat format, List<Threat> threats) {

    public SubmissionReceipt {
        Objects.requireNonNull(format, "format");
        threats = List.copyOf(threats);
    }
}
