package ai.socagent.testsupport.architecture;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Objects;

/** One ArchUnit rule of a module's declared architecture, with the kind it belongs to. */
public record CheckedRule(RuleKind kind, ArchRule rule) {

    public CheckedRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
    }

    /** The rule's text, prefixed with its kind: the name of its test. */
    public String name() {
        return kind + ": " + rule.getDescription();
    }
}
