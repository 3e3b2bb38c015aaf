package ai.socagent.services.threatclassifier;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.HexagonalArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/**
 * The ThreatClassifier: its use case and offline engine in the application layer; the queue it consumes\n * (adapter.in.eventbus); the context store, the knowledge base and the bus it writes to\n * (adapter.out.*), each behind an outbound port.
 */
public final class ThreatClassifierArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return HexagonalArchitecture.service("ai.socagent.services.threatclassifier")
                .withApplicationClass("ThreatClassifierApplication")
                .withApplicationLayer("application")
                .incomingPorts("port.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("eventbus", "schedule")
                .outgoing("contextstore", "knowledgebase", "eventbus", "agentruntime")
                .and()
                .withConfiguration("config");
    }
}
