package ai.socagent.services.fixturealpha.adapter.out.dynamodb;

import ai.socagent.fixturelib.adapter.out.files.FileAdapter;

/** Deliberately breaks the rules: a service's adapter that picks a library's adapter itself. */
public record AdapterWiringALibrary(FileAdapter files) {}
