package ai.socagent.testsupport;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/**
 * test-support is tooling for tests, not a layered library: its packages are declared so that nothing
 * lands outside them, and it still may not know any service.
 */
public final class TestSupportArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.testsupport")
                .withTooling("architecture", "backends", "faults", "metadata", "services");
    }
}
