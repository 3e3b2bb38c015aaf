package ai.socagent.fixturecleanlib.domain;

public record CleanValue(String value) {}
