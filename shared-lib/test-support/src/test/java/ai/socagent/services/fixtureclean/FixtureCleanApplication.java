package ai.socagent.services.fixtureclean;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fixture service that keeps every rule. */
@SpringBootApplication
public class FixtureCleanApplication {}
