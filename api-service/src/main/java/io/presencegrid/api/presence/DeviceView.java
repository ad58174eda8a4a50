package io.presencegrid.api.presence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One live device session as the API shows it. {@code meta} is the device's metadata as the row keeps
 * it, canonical JSON written as it is (no parse per view or event), and left out when the device has none.
 */
public record DeviceView(
        @Schema(example = "phone") String device,
        @Schema(example = "online") String status,
        @Schema(example = "2026-11-28T10:15:30.123Z") Instant lastActiveAt,
        @Schema(ref = "#/components/schemas/DeviceMeta", example = "{\"inCall\":true}",
                description = "the device's metadata, when it set some")
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String meta) {

    public DeviceView(String device, String status, Instant lastActiveAt) {
        this(device, status, lastActiveAt, null);
    }
}
