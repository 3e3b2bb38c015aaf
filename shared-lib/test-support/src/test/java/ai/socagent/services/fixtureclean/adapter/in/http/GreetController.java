package ai.socagent.services.fixtureclean.adapter.in.http;

import ai.socagent.services.fixtureclean.application.port.in.GreetUseCase;

public record GreetController(GreetUseCase greet) {
    public String get(String name) {
        return greet.greet(name).text();
    }
}
