package ai.socagent.services.fixtureshell;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fixture agent shell: an Application class and nothing else yet. */
@SpringBootApplication
public class FixtureShellApplication {}
