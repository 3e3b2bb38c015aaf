package ai.socagent.contextstore.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the context store ({@code soc.context-store.*}).
 *
 * @param environment prefix of the table names ({@code dev} gives {@code dev-GlobalContextTable});
 *     empty for the bare names; default {@code local}
 * @param backend {@code embedded} (default, standalone mode) or {@code dynamodb}
 * @param embedded the embedded store's file
 * @param dynamodb DynamoDB settings
 * @param cursorSecret shared by every instance of an environment to make page cursors unforgeable;
 *     without it cursors are integrity-checked only
 */
@Validated
@ConfigurationProperties("soc.context-store")
public record ContextStoreProperties(
        @Pattern(regexp = "|[a-z0-9][a-z0-9-]{0,31}") String environment,
        Backend backend,
        @Valid Embedded embedded,
        @Valid DynamoDb dynamodb,
        @Size(min = 16) String cursorSecret) {

    public ContextStoreProperties {
        environment = environment == null ? "local" : environment;
        backend = backend == null ? Backend.EMBEDDED : backend;
        embedded = embedded == null ? new Embedded(null) : embedded;
        dynamodb = dynamodb == null ? new DynamoDb(false) : dynamodb;
    }

    public enum Backend {
        EMBEDDED,
        DYNAMODB
    }

    /** @param file the MVStore file; default {@code data/context-store.mv} under the working directory */
    public record Embedded(@NotNull Path file) {
        public Embedded {
            file = file == null ? Path.of("data", "context-store.mv") : file;
        }
    }

    /**
     * @param provisionTables create the tables and enable TTL at start-up (moto/LocalStack); off in
     *     AWS, where Terraform owns them
     */
    public record DynamoDb(boolean provisionTables) {}
}
