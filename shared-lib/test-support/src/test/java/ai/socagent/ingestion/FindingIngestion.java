package ai.socagent.ingestion;

/** Stand-in with finding-ingestion's name (see {@link ai.socagent.eventbus.EventPublisher}). */
public final class FindingIngestion {}
