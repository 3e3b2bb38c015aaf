package ai.socagent.services.socapi.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the API may do. Each role includes the ones before it: an analyst reads and
 * submits; a responder also approves, rejects and rolls back response actions; an admin also invokes
 * agents, redrives dead letters and manages API keys.
 */
public enum Role {
    ANALYST,
    RESPONDER,
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role named {@code name} in any case ({@code analyst}, {@code ADMIN}), if there is one. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
