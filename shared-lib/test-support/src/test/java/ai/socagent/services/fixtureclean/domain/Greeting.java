package ai.socagent.services.fixtureclean.domain;

public record Greeting(String text) {}
