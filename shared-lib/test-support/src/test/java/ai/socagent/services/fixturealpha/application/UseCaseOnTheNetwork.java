package ai.socagent.services.fixturealpha.application;

import java.net.http.HttpClient;

/** Deliberately breaks the rules: a use case that calls out over the network itself. */
public record UseCaseOnTheNetwork(HttpClient http) {}
