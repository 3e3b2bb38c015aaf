package ai.socagent.domain;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The shared domain model: plain Java, one package per aggregate; a new package is declared here. */
public final class DomainArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.domain")
                .withDomain(
                        "",
                        "agent",
                        "audit",
                        "classification",
                        "event",
                        "finding",
                        "indicator",
                        "investigation",
                        "response",
                        "threat");
    }
}
