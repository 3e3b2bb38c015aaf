package ai.socagent.services.fixtureclean.application.port.out;

import ai.socagent.services.fixtureclean.domain.Greeting;

public interface GreetingLog {
    void keep(Greeting greeting);
}
