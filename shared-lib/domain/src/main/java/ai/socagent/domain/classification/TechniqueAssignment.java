package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import java.util.regex.Pattern;

/**
 * A MITRE ATT&CK technique or sub-technique assigned to a threat.
 *
 * @param techniqueId {@code T} and four digits, optionally {@code .} and three digits for a
 *     sub-technique (e.g. T1078, T1078.004)
 * @param name the technique name
 * @param rationale why it was assigned
 */
public record TechniqueAssignment(String techniqueId, String name, String rationale) {

    private static final Pattern ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public TechniqueAssignment {
        Preconditions.requireNonNull(techniqueId, "techniqueId");
        if (!ID.matcher(techniqueId).matches()) {
            throw new IllegalArgumentException(
                    "techniqueId must match T\\d{4}(\\.\\d{3})? but was '" + techniqueId + "'");
        }
        Preconditions.requireNonBlank(name, "name");
        Preconditions.requireNonNull(rationale, "rationale");
    }

    /** True for a sub-technique such as T1078.004. */
    public boolean isSubTechnique() {
        return techniqueId.length() > 5;
    }

    /** The parent technique id: T1078 for T1078.004, the id itself for a technique. */
    public String parentTechniqueId() {
        return techniqueId.substring(0, 5);
    }
}
