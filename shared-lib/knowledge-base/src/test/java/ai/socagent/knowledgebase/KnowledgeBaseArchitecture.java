package ai.socagent.knowledgebase;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The knowledge base: the ATT\&CK extract, feeds and the one technique ranking in the core; Lucene and OpenSearch are its adapters. */
public final class KnowledgeBaseArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.knowledgebase")
                .withCore("", "analysis", "attack", "feed", "ranking")
                .withAdapters("adapter.out.lucene", "adapter.out.opensearch")
                .withConfiguration("config")
                .mustNotDependOn(
                        "ai.socagent.agentruntime..",
                        "the knowledge base serves every agent and the offline engine asks it through a port; it knows"
                                + " no agent runtime (issue 9, part 1)");
    }
}
