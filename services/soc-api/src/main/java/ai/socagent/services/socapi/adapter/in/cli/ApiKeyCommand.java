package ai.socagent.services.socapi.adapter.in.cli;

import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import ai.socagent.services.socapi.domain.ApiKey;
import ai.socagent.services.socapi.domain.Role;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code api-keys create --name NAME --role analyst|responder|admin}, {@code api-keys list}, {@code
 * api-keys revoke KEY_ID}: an admin's key management from a shell, on the context store of the
 * configuration (the standalone's embedded store, offline, or a fleet's DynamoDB tables): the same
 * records the API's {@code /api/v1/api-keys} manages.
 */
public final class ApiKeyCommand {

    public static final String USAGE = """
            usage: java -jar standalone.jar api-keys create --name NAME --role analyst|responder|admin
                   java -jar standalone.jar api-keys list
                   java -jar standalone.jar api-keys revoke KEY_ID
              (any --spring.property=value too, e.g. --soc.context-store.embedded.file=data/context-store;
               stop the standalone first: its embedded store is locked while it runs; with
               --soc.context-store.backend=dynamodb it manages a fleet's keys)""";

    private final ManageApiKeysUseCase apiKeys;
    private final PrintStream out;

    public ApiKeyCommand(ManageApiKeysUseCase apiKeys, PrintStream out) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Whether {@code args} (without {@code api-keys}, without Spring properties) make a command. */
    public static boolean valid(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        return switch (args.getFirst()) {
            case "list" -> args.size() == 1;
            case "revoke" -> args.size() == 2;
            case "create" ->
                option(args, "--name").isPresent()
                        && option(args, "--role").flatMap(Role::parse).isPresent();
            default -> false;
        };
    }

    /**
     * Runs a {@link #valid} command.
     *
     * @return the exit status: 0 done, 1 no such key
     */
    public int run(List<String> args) {
        switch (args.getFirst()) {
            case "create" -> {
                CreatedApiKey created = apiKeys.create(
                        option(args, "--name").orElseThrow(),
                        option(args, "--role").flatMap(Role::parse).orElseThrow());
                out.println("created " + created.key().keyId() + " (" + role(created.key()) + ", \""
                        + created.key().name() + "\"); the key, shown this once:");
                out.println(created.secret());
                return 0;
            }
            case "list" -> {
                out.printf("%-20s  %-9s  %-27s  %-27s  %s%n", "KEY ID", "ROLE", "CREATED", "REVOKED", "NAME");
                for (ApiKey key : apiKeys.list()) {
                    out.printf(
                            "%-20s  %-9s  %-27s  %-27s  %s%n",
                            key.keyId(),
                            role(key),
                            key.createdAt(),
                            key.revokedAt() == null ? "-" : key.revokedAt(),
                            key.name());
                }
                return 0;
            }
            case "revoke" -> {
                Optional<ApiKey> revoked = apiKeys.revoke(args.get(1));
                if (revoked.isEmpty()) {
                    out.println("no API key " + args.get(1));
                    return 1;
                }
                out.println("revoked " + revoked.get().keyId() + " at "
                        + revoked.get().revokedAt());
                return 0;
            }
            default -> throw new IllegalArgumentException("not a command: " + args);
        }
    }

    private static String role(ApiKey key) {
        return key.role().name().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }
}
