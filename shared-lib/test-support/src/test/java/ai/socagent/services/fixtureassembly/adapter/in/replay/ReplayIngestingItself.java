package ai.socagent.services.fixtureassembly.adapter.in.replay;

import ai.socagent.ingestion.FindingIngestion;

/** Deliberately breaks the rules: the assembly's edge ingests instead of the use case it drives. */
public record ReplayIngestingItself(FindingIngestion ingestion) {}
