package io.presencegrid.api.presence;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A user's presence as one viewer may see it (DESIGN.md, "A view"). Timestamps are ISO-8601 UTC.
 * Others see an invisible user as offline with no devices and no message.
 */
public record PresenceView(
        @Schema(example = "alice") String userId,
        @Schema(example = "online", allowableValues = {"online", "away", "busy", "invisible", "offline"}) String status,
        @Schema(example = "in a meeting", nullable = true) String message,
        List<DeviceView> devices,
        @Schema(example = "2026-11-28T10:15:30.123Z", nullable = true) Instant lastSeenAt,
        @Schema(example = "2026-11-28T10:15:00.000Z", nullable = true) Instant updatedAt,
        @Schema(example = "7") long version) {
}
