package ai.socagent.services.socapi.application.port.in;

import ai.socagent.services.socapi.domain.ApiKey;
import java.util.Optional;

/** Who presents this API key. */
public interface AuthenticateApiKeyUseCase {

    /** The valid (not revoked) key whose secret this is; empty for an unknown or revoked key. */
    Optional<ApiKey> authenticate(String secret);
}
