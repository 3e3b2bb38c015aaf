package ai.socagent.services.fixturealpha.adapter.in.http;

import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.services.fixturealpha.application.port.in.AlphaUseCase;

/** Deliberately breaks the rules: an inbound adapter that does the use case's ingestion itself. */
public record ControllerIngestingItself(FindingIngestion ingestion, AlphaUseCase useCase) {}
