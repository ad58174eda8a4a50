package io.presencegrid.api.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /v1/admin/stats}: presence counts of the whole grid (each row counted once, on its
 * primary) and the grid as this API node sees it. The dashboard reads these names: keep them.
 */
@JsonPropertyOrder({"at", "users", "sessions", "byStatus", "byDevice", "otherDevices", "grid"})
public record StatsView(
        @Schema(description = "when the counts were taken", example = "2026-11-28T10:40:00Z") Instant at,
        @Schema(description = "known users (PRESENCE rows)", example = "123") long users,
        @Schema(description = "live device sessions", example = "45") long sessions,
        @Schema(description = "users by true status; all five statuses always present",
                example = "{\"online\":1,\"away\":2,\"busy\":3,\"invisible\":4,\"offline\":113}") Map<String, Long> byStatus,
        @Schema(description = "live sessions of the 50 most used device ids, largest first",
                example = "{\"phone\":20,\"web\":25}") Map<String, Long> byDevice,
        @Schema(description = "live sessions of all other device ids", example = "0") long otherDevices,
        GridView grid) {
}
