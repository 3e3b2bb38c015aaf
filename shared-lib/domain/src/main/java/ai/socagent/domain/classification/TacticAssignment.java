package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import java.util.regex.Pattern;

/**
 * A MITRE ATT&CK tactic assigned to a threat.
 *
 * @param tacticId the ATT&CK id, {@code TA} followed by four digits (e.g. TA0001)
 * @param name the tactic name (e.g. "Initial Access")
 * @param rationale why it was assigned
 */
public record TacticAssignment(String tacticId, String name, String rationale) {

    private static final Pattern ID = Pattern.compile("TA\\d{4}");

    public TacticAssignment {
        Preconditions.requireNonNull(tacticId, "tacticId");
        if (!ID.matcher(tacticId).matches()) {
            throw new IllegalArgumentException("tacticId must match TA\\d{4} but was '" + tacticId + "'");
        }
        Preconditions.requireNonBlank(name, "name");
        Preconditions.requireNonNull(rationale, "rationale");
    }
}
