package ai.socagent.services.fixturealpha.application.port.in;

public interface AlphaUseCase {
    void run();
}
