package ai.socagent.agentruntime.prompt;

import java.util.Objects;

/**
 * A prompt ready for a model: the trusted system instruction and the user message whose untrusted
 * data sits between two lines carrying {@code boundary}, a random token drawn per request.
 */
public record Prompt(String system, String user, String boundary) {

    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(boundary, "boundary");
    }

    /** The line that opens the untrusted data section. */
    public String openingLine() {
        return PromptBuilder.opening(boundary);
    }

    /** The line that closes the untrusted data section. */
    public String closingLine() {
        return PromptBuilder.closing(boundary);
    }

    /** The text between the opening and the closing line of the data section. */
    public String dataSection() {
        int start = user.indexOf(openingLine()) + openingLine().length();
        int end = user.indexOf(closingLine(), start);
        return user.substring(start, end).strip();
    }
}
