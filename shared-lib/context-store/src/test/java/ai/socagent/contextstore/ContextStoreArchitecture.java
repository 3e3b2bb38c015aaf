package ai.socagent.contextstore;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The context store: its port and typed records in the core, one adapter per backend, the choice in config. */
public final class ContextStoreArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.contextstore")
                .withCore("", "cache", "records")
                .withAdapters(
                        "adapter.in.dynamodbstreams",
                        "adapter.out.dynamodb",
                        "adapter.out.embedded",
                        "adapter.out.local",
                        "adapter.out.redis",
                        "adapter.out.s3")
                .withConfiguration("config");
    }
}
