package io.presencegrid.api.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** {@code POST /v1/admin/purge}: users inactive since {@code cutoff} were removed, {@code purged} of them. */
@JsonPropertyOrder({"cutoff", "purged"})
public record PurgeView(
        @Schema(description = "users last seen before this were purged", example = "2026-08-30T10:40:00Z") Instant cutoff,
        @Schema(example = "17") long purged) {
}
