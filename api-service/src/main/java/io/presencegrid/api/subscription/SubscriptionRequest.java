package io.presencegrid.api.subscription;

import io.presencegrid.api.web.Identifiers;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /v1/status/subscribe} and {@code /unsubscribe}; a socket's {@code subscribe} and
 * {@code unsubscribe} frames take as many ids ({@link #MAX_IDS}).
 */
public record SubscriptionRequest(
        @Schema(example = "bob")
        @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String subscriberId,
        @ArraySchema(schema = @Schema(example = "alice"), maxItems = SubscriptionRequest.MAX_IDS)
        @NotEmpty @Size(max = SubscriptionRequest.MAX_IDS, message = "at most 1000 ids")
        List<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String> userIds) {

    public static final int MAX_IDS = 1000;
}
