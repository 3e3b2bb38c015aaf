package ai.socagent.services.socapi;

import org.springframework.test.web.servlet.client.RestTestClient;

/** The admin key of the tests' configuration (soc.api.security.api-keys.bootstrap-key). */
public final class TestApiKeys {

    public static final String ADMIN = "soc_test-admin-key-0123456789abcdefghij";

    private TestApiKeys() {}

    /** The client, sending the admin key with every request. */
    public static RestTestClient asAdmin(RestTestClient http) {
        return http.mutate().defaultHeader("X-Api-Key", ADMIN).build();
    }
}
