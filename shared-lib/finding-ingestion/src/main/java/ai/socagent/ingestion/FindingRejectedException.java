package ai.socagent.ingestion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The payload was rejected; {@link #violations()} lists every reason found (all violations of all
 * findings in the payload, not just the first).
 */
public class FindingRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final int VIOLATIONS_IN_MESSAGE = 10;

    /** Not serialised: a deserialised exception reports no violations. */
    private final transient List<Violation> violations;

    public FindingRejectedException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every violation found, in the order they were found; never empty. */
    public List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one violation");
        }
        String shown = violations.stream()
                .limit(VIOLATIONS_IN_MESSAGE)
                .map(Violation::toString)
                .collect(Collectors.joining("; "));
        int hidden = violations.size() - VIOLATIONS_IN_MESSAGE;
        return "Finding rejected with " + violations.size() + " violation(s): " + shown
                + (hidden > 0 ? "; and " + hidden + " more" : "");
    }
}
