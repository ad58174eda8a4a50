package io.presencegrid.api.channel;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/channels}: who is in a channel (a room, a document, a call), and joining and leaving it. */
@RestController
@RequestMapping("/v1/channels")
@Tag(name = "channels")
@SecurityRequirement(name = "bearer")
class ChannelController {

    private final ChannelService channels;

    ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    @PostMapping("/{channelId}/join")
    @Operation(operationId = "joinChannel",
            summary = "An online device joins the channel; it stays a member until it leaves or leaves presence",
            description = "Offline, expiry, disconnect and deletion take the device out of every channel it is in.")
    @ApiResponse(responseCode = "200", description = "a member now (also when it was already); the channel's occupancy")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    @ApiResponse(responseCode = "409", description = "the device is not online, is in 100 channels already, or the channel"
            + " has 10,000 members")
    ChannelOccupancy join(Authentication caller, @PathVariable String channelId, @Valid @RequestBody ChannelRequest request) {
        return channels.join(Caller.of(caller), Identifiers.require("channelId", channelId), request.userId(),
                request.deviceOrDefault());
    }

    @PostMapping("/{channelId}/leave")
    @Operation(operationId = "leaveChannel", summary = "The device leaves the channel; 200 also when it was not a member")
    @ApiResponse(responseCode = "200", description = "not a member now; the channel's occupancy")
    @ApiResponse(responseCode = "403", description = "userId is another user and the token lacks the presence:admin scope")
    ChannelOccupancy leave(Authentication caller, @PathVariable String channelId, @Valid @RequestBody ChannelRequest request) {
        return channels.leave(Caller.of(caller), Identifiers.require("channelId", channelId), request.userId(),
                request.deviceOrDefault());
    }

    @GetMapping("/{channelId}")
    @Operation(operationId = "getChannel",
            summary = "The channel's members, sorted by user id, with their devices in it and their presence",
            description = "Members hidden from the caller count in occupancy but are not listed. A channel nobody is in"
                    + " is an empty page.")
    @ApiResponse(responseCode = "200", description = "one page of members and the channel's occupancy")
    ChannelListing members(Authentication caller, @PathVariable String channelId,
                        // Read as text, so that a value that is no number gets this API's own 400 naming the parameter.
                        @Parameter(description = "members per page, 1..500", schema = @Schema(types = "integer",
                                format = "int32", minimum = "1", maximum = "500", defaultValue = "100", example = "100"))
                        @RequestParam(defaultValue = "100") String limit,
                        @Parameter(description = "the next of the previous page: members after this user id", example = "alice")
                        @RequestParam(required = false) String after) {
        return channels.members(Caller.of(caller), Identifiers.require("channelId", channelId),
                after == null ? null : Identifiers.require("after", after), pageLimit(limit));
    }

    private static int pageLimit(String limit) {
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= ChannelService.MAX_PAGE) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        throw new InvalidFieldException("limit", "must be a whole number 1.." + ChannelService.MAX_PAGE);
    }
}
