package io.presencegrid.api.presence;

import io.presencegrid.api.web.Identifiers;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/status/update}. {@code device} defaults to {@code default}; {@code message}
 * absent keeps the current message, empty clears it; {@code meta} absent keeps the device's metadata,
 * {@code {}} clears it ({@link DeviceMeta}).
 */
public record UpdateStatusRequest(
        @Schema(example = "alice")
        @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String userId,
        @Schema(example = "online", allowableValues = {"online", "away", "busy", "invisible", "offline"})
        @NotNull @Pattern(regexp = StatusRules.STATUSES, message = StatusRules.STATUS_RULE) String status,
        @Schema(example = "phone", defaultValue = "default", nullable = true)
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String device,
        @Schema(example = "in a meeting", nullable = true, maxLength = StatusRules.MESSAGE_MAX_LENGTH)
        @Size(max = StatusRules.MESSAGE_MAX_LENGTH, message = StatusRules.MESSAGE_RULE) String message,
        @Schema(ref = "#/components/schemas/DeviceMeta", example = "{\"inCall\":true,\"app\":\"web-2.4\"}",
                description = "the device's metadata; absent keeps it, {} clears it")
        JsonNode meta) {

    public static final String DEFAULT_DEVICE = "default";

    public String deviceOrDefault() {
        return device == null ? DEFAULT_DEVICE : device;
    }
}
