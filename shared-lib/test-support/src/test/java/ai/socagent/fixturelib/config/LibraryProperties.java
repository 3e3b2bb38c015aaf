package ai.socagent.fixturelib.config;

public record LibraryProperties(String bucket) {}
