package ai.socagent.fixturelib.adapter.out.files;

/** An adapter of the fixture library. */
public final class FileAdapter {}
