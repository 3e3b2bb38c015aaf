package ai.socagent.services.fixturealpha.application;

import org.springframework.beans.factory.annotation.Autowired;

/** Deliberately breaks the rules: a use case that needs Spring. */
public final class UseCaseWithSpring {
    @Autowired
    public UseCaseWithSpring() {}
}
