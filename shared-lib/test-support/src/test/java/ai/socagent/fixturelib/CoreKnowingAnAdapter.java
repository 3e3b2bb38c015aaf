package ai.socagent.fixturelib;

import ai.socagent.fixturelib.adapter.out.files.FileAdapter;

/** Deliberately breaks the rules: a library's core that picks its adapter. */
public record CoreKnowingAnAdapter(FileAdapter adapter) {}
