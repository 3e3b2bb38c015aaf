package ai.socagent.eventbus.routing;

import java.io.Serial;
import java.util.List;

/** The routing definition is malformed or inconsistent; {@link #problems()} lists every problem found. */
public final class InvalidRoutingDefinitionException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidRoutingDefinitionException(List<String> problems) {
        super("invalid routing definition: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, prefixed with the JSON path it concerns (e.g. {@code rules[3].targets[0]}). */
    public List<String> problems() {
        return problems;
    }
}
