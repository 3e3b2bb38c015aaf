package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A name of no agent of the pipeline. */
final class AgentNotFoundException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String agent;

    AgentNotFoundException(String agent) {
        super("No agent named " + agent);
        this.agent = agent;
    }

    String agent() {
        return agent;
    }
}
