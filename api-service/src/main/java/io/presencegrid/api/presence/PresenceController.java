package io.presencegrid.api.presence;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/status}: set, read and delete presence. */
@RestController
@RequestMapping("/v1/status")
@Tag(name = "presence")
@SecurityRequirement(name = "bearer")
class PresenceController {

    static final int MAX_BATCH = 500;

    private final PresenceService presence;

    PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    @PostMapping("/update")
    @Operation(operationId = "updateStatus", summary = "Set one device's status (a repeat of the same status is a heartbeat)",
            description = "Status offline takes the device out at once; where a WebSocket of that device is open, the"
                    + " device stays offline through the socket's refreshes until it sends another status.")
    @ApiResponse(responseCode = "200", description = "the user's presence, as the user sees it")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    PresenceView update(Authentication caller, @Valid @RequestBody UpdateStatusRequest request) {
        return presence.update(Caller.of(caller), request);
    }

    @GetMapping("/{userId}")
    @Operation(operationId = "getPresence", summary = "One user's presence; 404 when never seen or deleted")
    @ApiResponse(responseCode = "200", description = "the user's presence, as the caller may see it")
    @ApiResponse(responseCode = "404", description = "the user was never seen, or was deleted")
    PresenceView get(Authentication caller, @PathVariable String userId) {
        return presence.get(Caller.of(caller), Identifiers.require("userId", userId));
    }

    @GetMapping
    @Operation(operationId = "getPresenceOfMany", summary = "Many users' presence; unknown ids come back offline with lastSeenAt null")
    PresenceList getAll(Authentication caller,
                        @Parameter(description = "comma-separated user ids, at most 500", example = "alice,bob")
                        @RequestParam String userIds) {
        return presence.getAll(Caller.of(caller), parseIds(userIds));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deletePresence",
            summary = "Purge a user's sessions, presence, last seen and subscriptions; 204 also for a user never seen or already deleted")
    @ApiResponse(responseCode = "204", description = "the user is gone, or was never there")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    void delete(Authentication caller, @PathVariable String userId) {
        presence.delete(Caller.of(caller), Identifiers.require("userId", userId));
    }

    private static Set<String> parseIds(String userIds) {
        String[] ids = userIds.split(",", -1);
        if (ids.length > MAX_BATCH) {
            throw new InvalidFieldException("userIds", "at most " + MAX_BATCH + " ids, got " + ids.length);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            unique.add(Identifiers.require("userIds", id.trim()));
        }
        return unique;
    }
}
