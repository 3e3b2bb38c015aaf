package ai.socagent.services.standalone;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.HexagonalArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/**
 * The standalone assembly: it has no use case of its own; it composes the services by their configuration\n * and drives them through their inbound ports (the sample replay). {@code bootstrap} is configuration\n * too: it creates, in an emulator, the resources the adapters of the local mode expect.
 */
public final class StandaloneArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return HexagonalArchitecture.service("ai.socagent.services.standalone")
                .withApplicationClass("StandaloneApplication")
                .withAdapters("adapter")
                .incoming("samples")
                .and()
                .withConfiguration("config", "bootstrap")
                .assemblingServices();
    }
}
