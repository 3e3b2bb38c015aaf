package ai.socagent.services.fixtureclean.application.port.in;

import ai.socagent.services.fixtureclean.domain.Greeting;

public interface GreetUseCase {
    Greeting greet(String name);
}
