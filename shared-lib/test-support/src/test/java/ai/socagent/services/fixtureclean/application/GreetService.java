package ai.socagent.services.fixtureclean.application;

import ai.socagent.services.fixtureclean.application.port.in.GreetUseCase;
import ai.socagent.services.fixtureclean.application.port.out.GreetingLog;
import ai.socagent.services.fixtureclean.domain.Greeting;

public record GreetService(GreetingLog log) implements GreetUseCase {
    @Override
    public Greeting greet(String name) {
        Greeting greeting = new Greeting("Hello " + name);
        log.keep(greeting);
        return greeting;
    }
}
