package ai.socagent.embedded;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** One adapter-side helper: the RocksDB options of the embedded stores. */
public final class EmbeddedRocksDbArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.embedded").withAdapters("rocksdb");
    }
}
