package io.presencegrid.api.channel;

import io.presencegrid.api.presence.UpdateStatusRequest;
import io.presencegrid.api.web.Identifiers;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of a join or leave: whose device; {@code device} defaults to {@code default}, as for status updates. */
public record ChannelRequest(
        @Schema(example = "alice")
        @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String userId,
        @Schema(example = "laptop", defaultValue = UpdateStatusRequest.DEFAULT_DEVICE, nullable = true)
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.RULE) String device) {

    public String deviceOrDefault() {
        return device == null ? UpdateStatusRequest.DEFAULT_DEVICE : device;
    }
}
