package ai.socagent.eventbus;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The event bus: ports, delivery, envelope and routing in the core; the two transports (in-process, EventBridge and SQS) are its adapters. */
public final class EventBusArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.eventbus")
                .withCore("", "delivery", "envelope", "routing")
                .withAdapters("aws", "inprocess")
                .withConfiguration("config");
    }
}
