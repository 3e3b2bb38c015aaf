package ai.socagent.services.fixtureclean.adapter.out.memory;

import ai.socagent.services.fixtureclean.application.port.out.GreetingLog;
import ai.socagent.services.fixtureclean.domain.Greeting;
import java.util.ArrayList;
import java.util.List;

public final class InMemoryGreetingLog implements GreetingLog {
    private final List<Greeting> kept = new ArrayList<>();

    @Override
    public void keep(Greeting greeting) {
        kept.add(greeting);
    }
}
