package ai.socagent.services.fixtureassembly;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fixture of the standalone shape: assembles the other fixture services. */
@SpringBootApplication
public class FixtureAssemblyApplication {}
