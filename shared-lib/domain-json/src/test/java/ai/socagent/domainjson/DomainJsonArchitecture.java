package ai.socagent.domainjson;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The domain records' codecs (Jackson): one framework-free package. */
public final class DomainJsonArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.domainjson").withCore("");
    }
}
