package io.presencegrid.api.docs;

import static io.presencegrid.api.docs.JsonSchemas.properties;
import static io.presencegrid.api.docs.JsonSchemas.typed;

import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.RequestSizeLimitFilter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Gives every {@code /v1} operation of the OpenAPI document the bearer security and the error answers
 * the API really gives it, each an {@code application/problem+json} Problem (the schema this adds) with
 * an example. Which layer answers decides which operations get which status:
 * <ul>
 *   <li>every one: 401 (the security chain), 429 with Retry-After (the rate limit filter, which charges
 *   every authenticated /v1 request), 503 with Retry-After (the grid is unreachable);</li>
 *   <li>one with parameters or a body: 400 (identifiers, values, malformed JSON);</li>
 *   <li>one with a body: 413 (the body-size filter) and 415 (a body that is no JSON);</li>
 *   <li>403, 404, 409: only where a controller declares them with {@code @ApiResponse}, since only the
 *   service behind it knows; the description stays the controller's, the content becomes a problem.</li>
 * </ul>
 */
final class ProblemAnswers implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String RETRY_AFTER_REF = "#/components/headers/Retry-After";
    private static final String WWW_AUTHENTICATE_REF = "#/components/headers/WWW-Authenticate";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents()
                .addSchemas("Problem", problem())
                .addHeaders("Retry-After", new Header().description("whole seconds after which the request may succeed")
                        .schema(typed("integer").minimum(BigDecimal.ONE).example(1)))
                .addHeaders("WWW-Authenticate", new Header()
                        .description("Bearer, with error and error_description when a token was sent")
                        .schema(typed("string").example("Bearer error=\"invalid_token\"")));
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.readOperations().forEach(operation -> answer(path, operation));
            }
        });
    }

    private void answer(String path, Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.BEARER));
        }
        ApiResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasBody || hasParameters) {
            standard(responses, HttpStatus.BAD_REQUEST, "an identifier, a field or a parameter breaks its rule;"
                    + " the detail names it");
        }
        standard(responses, HttpStatus.UNAUTHORIZED, "no bearer token, or one that is expired, forged or signed"
                + " with another algorithm than the configured key's");
        if (hasBody) {
            standard(responses, HttpStatus.CONTENT_TOO_LARGE, "the body is over "
                    + RequestSizeLimitFilter.MAX_BODY_BYTES + " bytes; refused before it is read");
            standard(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body is not application/json");
        }
        standard(responses, HttpStatus.TOO_MANY_REQUESTS, "over the caller's rate limit; retry after the"
                + " seconds Retry-After gives");
        standard(responses, HttpStatus.SERVICE_UNAVAILABLE, "the presence grid is unreachable or inactive;"
                + " retry after the seconds Retry-After gives");
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        responses.clear();
        sorted.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                asProblem(HttpStatus.valueOf(Integer.parseInt(code)), response, path, operation);
            }
            responses.addApiResponse(code, response);
        });
    }

    private static void standard(ApiResponses responses, HttpStatus status, String description) {
        responses.putIfAbsent(String.valueOf(status.value()), new ApiResponse().description(description));
    }

    private static void asProblem(HttpStatus status, ApiResponse response, String path, Operation operation) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", status.getReasonPhrase());
        example.put("status", status.value());
        example.put("detail", detail(status, path, operation));
        example.put("instance", instance(path, operation));
        response.content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                .schema(new Schema<>().$ref(PROBLEM_REF))
                .example(example)));
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.addHeaderObject("Retry-After", new Header().$ref(RETRY_AFTER_REF));
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            response.addHeaderObject("WWW-Authenticate", new Header().$ref(WWW_AUTHENTICATE_REF));
        }
    }

    /** RFC 9457 as this API writes it (web.Problems): all five members, none of them null. */
    private static Schema<Object> problem() {
        return typed("object")
                .description("RFC 9457 problem details; the same five members whichever layer answered")
                .required(List.of("type", "title", "status", "detail", "instance"))
                .properties(properties(
                        "type", typed("string").format("uri-reference")
                                .description("always about:blank: the status says what kind of problem it is")
                                .example("about:blank"),
                        "title", typed("string").description("the status's reason phrase").example("Bad Request"),
                        "status", typed("integer").format("int32").minimum(BigDecimal.valueOf(400))
                                .maximum(BigDecimal.valueOf(599)).example(400),
                        "detail", typed("string").description("what was wrong, starting with the field, parameter or"
                                + " header it concerns").example("userId: " + Identifiers.RULE),
                        "instance", typed("string").format("uri-reference").description("the request's path")
                                .example("/v1/status/update")));
    }

    /** What the API says in such a case, in the words of the layer that answers. */
    private static String detail(HttpStatus status, String path, Operation operation) {
        return switch (status) {
            case BAD_REQUEST -> badRequest(operation);
            case UNAUTHORIZED -> "Authorization: a bearer token is required";
            case FORBIDDEN -> path.startsWith("/v1/admin/") ? "scope: bob needs the presence:admin scope for /v1/admin"
                    : "userId: bob may not act for alice without the presence:admin scope";
            case NOT_FOUND -> "userId: no presence for user alice";
            case CONTENT_TOO_LARGE -> RequestSizeLimitFilter.tooLarge("/").getDetail();
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type 'text/plain' is not supported.";
            case TOO_MANY_REQUESTS -> "rate limit: too many requests for user alice";
            case SERVICE_UNAVAILABLE -> "the presence grid is unavailable, retry shortly";
            default -> status.getReasonPhrase();
        };
    }

    private static String badRequest(Operation operation) {
        if (operation.getRequestBody() != null) {
            return "request body: malformed JSON";
        }
        String name = operation.getParameters().get(0).getName();
        return name.endsWith("Id") || name.endsWith("Ids") ? name + ": " + Identifiers.RULE : name + ": wrong type or value";
    }

    /** The operation's path with each variable replaced by its example, or by its name where it has none. */
    private static String instance(String path, Operation operation) {
        Map<String, Object> examples = new LinkedHashMap<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        for (Parameter parameter : parameters) {
            if (parameter.getExample() != null) {
                examples.put(parameter.getName(), parameter.getExample());
            }
        }
        Matcher variables = PATH_VARIABLE.matcher(path);
        StringBuilder instance = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            variables.appendReplacement(instance, Matcher.quoteReplacement(String.valueOf(examples.getOrDefault(name, name))));
        }
        variables.appendTail(instance);
        return instance.toString();
    }
}
