package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.services.socapi.adapter.in.http.security.CallerAuthentication;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import ai.socagent.services.socapi.domain.ApiKey;
import ai.socagent.services.socapi.domain.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An admin's API keys: created (the key shown once), listed (no secrets), revoked. */
@RestController
@Tag(name = "api-keys", description = "API key management (admin)")
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class ApiKeyController {

    private final ManageApiKeysUseCase apiKeys;

    ApiKeyController(ManageApiKeysUseCase apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** A key's label: what people write, and nothing a log or a terminal could misread. */
    static final String NAME = "^[A-Za-z0-9][A-Za-z0-9 ._@:/()-]*$";

    /** The ids {@code ApiKeyService} gives keys. */
    static final String KEY_ID = "^key_[0-9a-f]{16}$";

    /** What an admin asks for. */
    record NewApiKey(
            @Schema(
                    description =
                            "A label: letters, digits, space and . _ - @ : / ( ), starting with a letter or digit",
                    example = "ci-pipeline (prod)")
            @NotNull
            @Size(min = 1, max = 200)
            @Pattern(regexp = NAME)
            String name,

            @NotNull @Schema(allowableValues = {"analyst", "responder", "admin"})
            String role) {}

    /** A key as listed: never the key, nor its hash. */
    record ApiKeyView(
            String keyId,
            String name,
            String role,
            Instant createdAt,

            @Schema(nullable = true, description = "null while the key is valid")
            Instant revokedAt) {
        static ApiKeyView from(ApiKey key) {
            return new ApiKeyView(
                    key.keyId(),
                    key.name(),
                    key.role().name().toLowerCase(java.util.Locale.ROOT),
                    key.createdAt(),
                    key.revokedAt());
        }
    }

    /** A key just created: the only answer that carries the key. */
    record CreatedApiKeyView(
            String keyId,
            String name,
            String role,
            Instant createdAt,

            @Schema(description = "The key, shown this once; send it as X-Api-Key")
            String key) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an API key; the key is in this answer only")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid name or role",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CreatedApiKeyView> create(@Valid @RequestBody NewApiKey request) {
        Role role = Role.parse(request.role()).orElseThrow(() -> new InvalidApiKeyRequestException(request.role()));
        CreatedApiKey created = apiKeys.create(request.name().trim(), role);
        ApiKeyView view = ApiKeyView.from(created.key());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + view.keyId()))
                .body(new CreatedApiKeyView(
                        view.keyId(), view.name(), view.role(), view.createdAt(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "Every API key, revoked ones included; no secrets")
    List<ApiKeyView> list() {
        return apiKeys.list().stream().map(ApiKeyView::from).toList();
    }

    /** What a created key's {@code Location} names. */
    @GetMapping("/{keyId}")
    @Operation(summary = "One API key; no secret")
    @ApiResponse(responseCode = "200", description = "The key")
    @ApiResponse(
            responseCode = "400",
            description = "Not a key id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "Unknown key id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ApiKeyView find(@PathVariable @Pattern(regexp = KEY_ID) String keyId) {
        return apiKeys.list().stream()
                .filter(key -> key.keyId().equals(keyId))
                .findFirst()
                .map(ApiKeyView::from)
                .orElseThrow(() -> new ApiKeyNotFoundException(keyId));
    }

    @PostMapping("/{keyId}/revoke")
    @Operation(summary = "Revoke an API key (within 10 s on every instance)")
    @ApiResponse(responseCode = "200", description = "The key, revoked")
    @ApiResponse(
            responseCode = "404",
            description = "Unknown key id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Not a key id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The caller's own key: revoke it with another admin key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ApiKeyView revoke(@PathVariable @Pattern(regexp = KEY_ID) String keyId, Authentication caller) {
        // an API key caller's principal is its key id (CallerAuthentication)
        Optional<String> callerKeyId =
                caller instanceof CallerAuthentication key ? Optional.of(key.getName()) : Optional.empty();
        return apiKeys.revoke(keyId, callerKeyId)
                .map(ApiKeyView::from)
                .orElseThrow(() -> new ApiKeyNotFoundException(keyId));
    }
}
