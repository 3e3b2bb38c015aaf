package ai.socagent.services.fixturealpha.application;

import ai.socagent.services.fixturealpha.application.port.in.AlphaUseCase;
import ai.socagent.services.fixturealpha.application.port.in.UseCaseKnowingAnOutboundPort;
import ai.socagent.services.fixturealpha.application.port.out.AlphaStore;

public record AlphaService(AlphaStore store) implements AlphaUseCase, UseCaseKnowingAnOutboundPort {
    @Override
    public void run() {}
}
