package ai.socagent.agentruntime.adapter.out.redis;

import ai.socagent.agentruntime.model.LanguageModel;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.prompt.Prompt;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double of our own provider port: answers a fixed text and counts the calls. */
final class CountingModel implements LanguageModel {

    static final String VALID = "{\"category\":\"UNAUTHORIZED_ACCESS\",\"severity\":\"MEDIUM\","
            + "\"confidence\":0.8,\"techniques\":[{\"id\":\"T1110\",\"name\":\"Brute Force\"}],"
            + "\"tactics\":[\"TA0006\"],\"rationale\":\"SSH brute force.\"}";

    final AtomicInteger calls = new AtomicInteger();
    private final String name;

    CountingModel(String name) {
        this.name = name;
    }

    @Override
    public Completion complete(ModelRequest request, Prompt prompt) {
        int call = calls.incrementAndGet();
        return new Completion(VALID, "test-model", 500, 60, name + "-req-" + call);
    }
}
