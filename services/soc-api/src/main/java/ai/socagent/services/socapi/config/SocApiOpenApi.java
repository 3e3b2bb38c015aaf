package ai.socagent.services.socapi.config;

import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.FindingSchemas;
import ai.socagent.services.socapi.adapter.in.http.security.ApiKeyAuthenticationFilter;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: the security schemes every operation takes (API key, JWT bearer) and
 * the 401, 403 and 429 problem documents any of them may answer.
 */
@Configuration(proxyBeanMethods = false)
class SocApiOpenApi {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI socApiDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("SOC agent service API")
                        .version("v1")
                        .description("Finding submission and threat queries. Errors are RFC 9457 problem documents"
                                + " with stable types (docs/api.md). Every operation but the dashboard's public sign-in settings"
                                + " needs credentials: an API key"
                                + " (X-Api-Key) or an OIDC bearer token; in AWS, API Gateway authenticates the IAM"
                                + " caller (SigV4) and passes it on. Roles: analyst (read, submit), responder,"
                                + " admin (API keys). Throttled per client (429 with Retry-After)."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(ApiKeyAuthenticationFilter.HEADER)
                                        .description("An API key an admin created (POST /api/v1/api-keys)"))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A JWT of the configured identity provider; roles from its"
                                                + " soc.api.security.jwt.roles-claim claim"))
                        .addResponses("Unauthenticated", problem("Missing, invalid or revoked credentials"))
                        .addResponses("Forbidden", problem("The caller's role does not allow this"))
                        .addResponses(
                                "TooManyRequests",
                                problem("Over this client's request rate")
                                        .addHeaderObject(
                                                "Retry-After",
                                                new Header()
                                                        .description("Seconds to wait")
                                                        .schema(new IntegerSchema()))))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    static final String SUBMISSION_PATH = "/api/v1/threats";

    /**
     * POST /api/v1/threats takes what the ingestion accepts, declared by the ingestion itself
     * ({@link FindingSchemas}, built from the constants its parsers validate with, under this
     * service's limits): a schema per format as components, the body their oneOf.
     */
    @Bean
    OpenApiCustomizer socApiFindingSchemas(FindingIngestion ingestion) {
        Map<String, tools.jackson.databind.JsonNode> schemas =
                FindingSchemas.components(ingestion.limits(), "#/components/schemas/");
        return document -> {
            if (document.getComponents() == null) {
                document.setComponents(new Components());
            }
            schemas.forEach((name, schema) -> document.getComponents().addSchemas(name, schema(schema)));
            PathItem path =
                    document.getPaths() == null ? null : document.getPaths().get(SUBMISSION_PATH);
            Operation submit = path == null ? null : path.getPost();
            if (submit == null || submit.getRequestBody() == null) {
                throw new IllegalStateException("POST " + SUBMISSION_PATH + " and its body must be in the document");
            }
            MediaType json =
                    submit.getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            json.setSchema(new Schema<>().$ref("#/components/schemas/" + FindingSchemas.SUBMISSION));
        };
    }

    /** A JSON Schema as the document's model (OpenAPI 3.1: the schema object is JSON Schema 2020-12). */
    private static Schema<?> schema(tools.jackson.databind.JsonNode schema) {
        try {
            return Json31.mapper().readValue(schema.toString(), Schema.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation may be refused before it runs (a public one, with no security, only throttled). */
    @Bean
    OpenApiCustomizer socApiRefusals() {
        return document -> document.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    boolean open = operation.getSecurity() != null
                            && operation.getSecurity().isEmpty();
                    if (!open) {
                        operation
                                .getResponses()
                                .addApiResponse(
                                        "401", new ApiResponse().$ref("#/components/responses/Unauthenticated"));
                        operation
                                .getResponses()
                                .addApiResponse("403", new ApiResponse().$ref("#/components/responses/Forbidden"));
                    }
                    operation
                            .getResponses()
                            .addApiResponse("429", new ApiResponse().$ref("#/components/responses/TooManyRequests"));
                    if (operation.getRequestBody() != null) {
                        operation.getResponses().addApiResponse("415", problem("The body is not application/json"));
                    }
                }));
    }

    /**
     * A nullable property whose schema is a reference: springdoc writes {@code {"type": "null",
     * "$ref": ...}}, which no value but null satisfies (a {@code $ref} beside {@code type} is an
     * allOf in OpenAPI 3.1); the 3.1 way is {@code anyOf: [{$ref}, {type: null}]}.
     */
    @Bean
    OpenApiCustomizer socApiNullableReferences() {
        return document -> {
            if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : document.getComponents().getSchemas().values()) {
                if (schema.getProperties() == null) {
                    continue;
                }
                schema.getProperties().replaceAll((name, property) -> nullableReference(property));
            }
        };
    }

    private static Schema<?> nullableReference(Schema<?> property) {
        boolean nullType = property.getTypes() != null && property.getTypes().equals(java.util.Set.of("null"))
                || "null".equals(property.getType());
        if (property.get$ref() == null || !nullType) {
            return property;
        }
        Schema<Object> either = new Schema<>();
        either.setDescription(property.getDescription());
        either.addAnyOfItem(new Schema<>().$ref(property.get$ref()));
        Schema<Object> none = new Schema<>();
        none.addType("null");
        either.addAnyOfItem(none);
        return either;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType()
                                        .schema(new Schema<Map<String, Object>>()
                                                .$ref("#/components/schemas/ProblemDetail"))));
    }
}
