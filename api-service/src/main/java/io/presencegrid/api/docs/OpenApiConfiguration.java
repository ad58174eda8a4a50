package io.presencegrid.api.docs;

import static io.presencegrid.api.docs.JsonSchemas.typed;

import io.presencegrid.api.presence.DeviceMeta;
import io.presencegrid.api.web.Identifiers;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the info, the bearer scheme, the schemas no Java type
 * describes well, and the problem answers of every operation ({@link ProblemAnswers}). The WebSocket's
 * document is a static file, {@code /asyncapi.json} (AsyncAPI 3), since springdoc knows nothing of sockets.
 * Schemas are added by customizers, which run on the finished document: springdoc replaces the schemas
 * of the bean's components with those it finds in the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    /** Referenced by the meta fields of the update request and the device view. */
    static final String DEVICE_META = "DeviceMeta";

    @Bean
    OpenAPI presenceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("presence-grid API").version("v1")
                        .description("Who is online, away, busy or offline. Every /v1 call needs a bearer JWT "
                                + "(HS256 with the cluster's secret, or RS256/ES256 from an identity provider) whose sub "
                                + "is the caller; scope presence:admin may act for any user. Every error is an RFC 9457 "
                                + "application/problem+json Problem. The WebSocket /v1/ws is described in AsyncAPI 3 at "
                                + "/asyncapi.json."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")));
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return new ProblemAnswers();
    }

    /** The Java field is a JsonNode (any JSON, checked by DeviceMeta), whose bean properties springdoc would describe. */
    @Bean
    OpenApiCustomizer deviceMetaSchema() {
        Schema<Object> meta = typed("object")
                .description("a device's metadata: at most " + DeviceMeta.MAX_KEYS + " keys, string, number or boolean"
                        + " values, at most " + DeviceMeta.MAX_BYTES + " bytes as JSON")
                .maxProperties(DeviceMeta.MAX_KEYS)
                .propertyNames(typed("string").pattern("^" + Identifiers.PATTERN + "$"))
                .additionalProperties(typed("string", "number", "boolean"));
        return openApi -> openApi.getComponents().addSchemas(DEVICE_META, meta);
    }
}
