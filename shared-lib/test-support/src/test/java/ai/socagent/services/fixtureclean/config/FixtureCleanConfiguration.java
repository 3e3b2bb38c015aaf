package ai.socagent.services.fixtureclean.config;

import ai.socagent.fixturecleanlib.adapter.out.memory.MemoryAdapter;
import ai.socagent.services.fixtureclean.adapter.in.http.GreetController;
import ai.socagent.services.fixtureclean.adapter.out.memory.InMemoryGreetingLog;
import ai.socagent.services.fixtureclean.application.GreetService;

/** Wires the adapters, its own and a library's: the one place allowed to. */
public final class FixtureCleanConfiguration {
    public GreetController controller() {
        return new GreetController(new GreetService(new InMemoryGreetingLog()));
    }

    public MemoryAdapter libraryAdapter() {
        return new MemoryAdapter();
    }
}
