package io.presencegrid.api.presence;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One live device session as the API shows it. */
public record DeviceView(
        @Schema(example = "phone") String device,
        @Schema(example = "online") String status,
        @Schema(example = "2026-11-28T10:15:30.123Z") Instant lastActiveAt) {
}
