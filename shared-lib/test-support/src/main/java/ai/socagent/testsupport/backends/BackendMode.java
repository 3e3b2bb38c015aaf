package ai.socagent.testsupport.backends;

import java.util.Locale;

/** Where the test backends come from; chosen with {@code soc.test.backends} / {@code SOC_TEST_BACKENDS}. */
public enum BackendMode {
    /**
     * Local processes started by {@code scripts/backends.sh} (moto, redis-server, OpenSearch). The
     * default: needs no Docker, and is what {@code scripts/test.sh} and CI use.
     */
    PROCESS,
    /** Docker containers (LocalStack, Redis, OpenSearch) started by Testcontainers, once per JVM. */
    CONTAINERS;

    /** Parses {@code process} or {@code containers}, ignoring case and surrounding blanks. */
    public static BackendMode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "process" -> PROCESS;
            case "containers" -> CONTAINERS;
            default ->
                throw new IllegalArgumentException("Unknown test backend mode '" + value + "' (from "
                        + BackendSettings.MODE_PROPERTY + " / " + BackendSettings.MODE_ENV
                        + "): use 'process' or 'containers'");
        };
    }
}
