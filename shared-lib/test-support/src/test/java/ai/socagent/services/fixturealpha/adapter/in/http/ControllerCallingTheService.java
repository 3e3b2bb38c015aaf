package ai.socagent.services.fixturealpha.adapter.in.http;

import ai.socagent.services.fixturealpha.application.AlphaService;

/** Deliberately breaks the rules: an inbound adapter that calls the service, not its port. */
public record ControllerCallingTheService(AlphaService service) {}
