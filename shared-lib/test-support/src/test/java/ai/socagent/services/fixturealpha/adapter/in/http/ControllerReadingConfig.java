package ai.socagent.services.fixturealpha.adapter.in.http;

import ai.socagent.services.fixturealpha.config.AlphaProperties;

/** Deliberately breaks the rules: an adapter that reads the configuration instead of being handed values. */
public record ControllerReadingConfig(AlphaProperties properties) {}
