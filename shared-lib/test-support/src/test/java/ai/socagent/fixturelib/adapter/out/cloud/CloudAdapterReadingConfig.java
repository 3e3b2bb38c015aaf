package ai.socagent.fixturelib.adapter.out.cloud;

import ai.socagent.fixturelib.config.LibraryProperties;

/** Deliberately breaks the rules: an adapter that reads the configuration. */
public record CloudAdapterReadingConfig(LibraryProperties properties) {}
