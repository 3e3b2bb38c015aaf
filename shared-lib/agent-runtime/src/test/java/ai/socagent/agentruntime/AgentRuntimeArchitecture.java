package ai.socagent.agentruntime;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** The agent runtime: the model port and its decorators, prompt safety and budgets in the core; Bedrock and Redis are adapters. */
public final class AgentRuntimeArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.agentruntime")
                .withCore("budget", "model", "prompt")
                .withAdapters("adapter.out.bedrock", "adapter.out.redis")
                .withConfiguration("config");
    }
}
