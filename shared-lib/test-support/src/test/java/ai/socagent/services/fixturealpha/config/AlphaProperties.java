package ai.socagent.services.fixturealpha.config;

public record AlphaProperties(int limit) {}
