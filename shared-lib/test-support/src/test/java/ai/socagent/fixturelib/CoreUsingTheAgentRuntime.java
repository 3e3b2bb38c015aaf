package ai.socagent.fixturelib;

import ai.socagent.agentruntime.model.ModelPort;

/** Deliberately breaks the rules: a dependency the library's declaration forbids. */
public record CoreUsingTheAgentRuntime(ModelPort model) {}
