package ai.socagent.ingestion;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** Finding ingestion: a pure function (Jackson only), used by the use cases of soc-api and the ThreatClassifier. */
public final class FindingIngestionArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.ingestion").withCore("");
    }
}
