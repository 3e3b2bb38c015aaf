package ai.socagent.agentruntime.model;

import ai.socagent.agentruntime.prompt.Prompt;
import java.util.Objects;

/**
 * A {@link LanguageModel} whose calls pass the process's {@link ModelCallGate}: each waits for its
 * agent's place on the model it goes to and for the model's requests and tokens per minute.
 */
public final class GatedLanguageModel implements LanguageModel {

    /** About four characters a token (English text and JSON): the estimate Bedrock reserves against is ours to make. */
    static final int CHARACTERS_PER_TOKEN = 4;

    private final LanguageModel model;
    private final ModelCallGate gate;

    public GatedLanguageModel(LanguageModel model, ModelCallGate gate) {
        this.model = Objects.requireNonNull(model, "model");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public Completion complete(ModelRequest request, Prompt prompt) {
        return gate.call(
                request,
                model.target(request),
                estimatedTokens(prompt) + model.maxOutputTokens(),
                () -> model.complete(request, prompt));
    }

    @Override
    public String target(ModelRequest request) {
        return model.target(request);
    }

    @Override
    public int maxOutputTokens() {
        return model.maxOutputTokens();
    }

    static long estimatedTokens(Prompt prompt) {
        return 1 + (prompt.system().length() + (long) prompt.user().length()) / CHARACTERS_PER_TOKEN;
    }
}
