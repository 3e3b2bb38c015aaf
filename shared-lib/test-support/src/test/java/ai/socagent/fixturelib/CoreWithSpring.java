package ai.socagent.fixturelib;

import org.springframework.beans.factory.annotation.Autowired;

/** Deliberately breaks the rules: a library's core that needs Spring. */
public final class CoreWithSpring {
    @Autowired
    public CoreWithSpring() {}
}
