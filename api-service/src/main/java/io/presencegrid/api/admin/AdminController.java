package io.presencegrid.api.admin;

import io.presencegrid.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/admin}: grid statistics and the retention purge, for the {@code presence:admin} scope. */
@RestController
@RequestMapping("/v1/admin")
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminController {

    private final AdminService admin;

    AdminController(AdminService admin) {
        this.admin = admin;
    }

    @GetMapping("/stats")
    @Operation(operationId = "getStats", summary = "Users by status, sessions by device and the grid's nodes (admin scope)",
            description = "Counted on every server node over the partitions it holds as primary, so each row "
                    + "counts once. The 50 most used device ids are named; the rest are summed in otherDevices.")
    @ApiResponse(responseCode = "200", description = "counts and topology")
    @ApiResponse(responseCode = "403", description = "the token lacks the presence:admin scope")
    StatsView stats(Authentication caller) {
        return admin.stats(Caller.of(caller));
    }

    @PostMapping("/purge")
    @Operation(operationId = "purge", summary = "Run the retention purge now (admin scope)",
            description = "Removes users last seen longer ago than the retention, with their sessions and "
                    + "subscriptions in both roles; subscribers get an offline event with reason deleted. "
                    + "Users with a live session are never purged. The grid also runs it daily.")
    @ApiResponse(responseCode = "200", description = "the cutoff applied and how many users were removed")
    @ApiResponse(responseCode = "400", description = "retentionDays is not a whole number 1..36500")
    @ApiResponse(responseCode = "403", description = "the token lacks the presence:admin scope")
    PurgeView purge(Authentication caller,
                    // Read as text, so that a value that is no number gets this API's own 400 naming the parameter.
                    @Parameter(description = "days of inactivity to keep, 1..36500; default: the grid's "
                            + "PRESENCE_RETENTION_DAYS (90 unless set)", schema = @Schema(types = "integer",
                            format = "int32", minimum = "1", maximum = "36500", example = "90"))
                    @RequestParam(required = false) String retentionDays) {
        return admin.purge(Caller.of(caller), retentionDays);
    }
}
