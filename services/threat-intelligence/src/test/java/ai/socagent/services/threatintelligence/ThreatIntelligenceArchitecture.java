package ai.socagent.services.threatintelligence;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.HexagonalArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/**
 * An agent shell: its Application class and nothing else yet. Its first use case, adapter or
 * configuration class fails the build until it is declared here, the way threat-classifier declares
 * its own (application with ports in and out, adapter.in.*, adapter.out.*, config).
 */
public final class ThreatIntelligenceArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return HexagonalArchitecture.service("ai.socagent.services.threatintelligence")
                .withApplicationClass("ThreatIntelligenceApplication");
    }
}
