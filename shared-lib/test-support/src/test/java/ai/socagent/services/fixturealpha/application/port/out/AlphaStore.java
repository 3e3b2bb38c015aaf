package ai.socagent.services.fixturealpha.application.port.out;

public interface AlphaStore {}
