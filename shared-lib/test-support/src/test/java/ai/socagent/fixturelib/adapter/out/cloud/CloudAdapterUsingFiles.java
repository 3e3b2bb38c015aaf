package ai.socagent.fixturelib.adapter.out.cloud;

import ai.socagent.fixturelib.adapter.out.files.FileAdapter;

/** Deliberately breaks the rules: an adapter that uses another adapter. */
public record CloudAdapterUsingFiles(FileAdapter files) {}
