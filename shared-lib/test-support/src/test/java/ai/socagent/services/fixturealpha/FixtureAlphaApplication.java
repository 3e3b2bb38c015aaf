package ai.socagent.services.fixturealpha;

/** Deliberately breaks the rules: an Application class that is no @SpringBootApplication. */
public class FixtureAlphaApplication {}
