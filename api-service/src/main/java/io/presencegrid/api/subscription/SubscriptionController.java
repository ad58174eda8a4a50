package io.presencegrid.api.subscription;

import io.presencegrid.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/status/subscribe} and {@code /unsubscribe}: whose presence a subscriber follows. */
@RestController
@RequestMapping("/v1/status")
@Tag(name = "subscriptions")
@SecurityRequirement(name = "bearer")
class SubscriptionController {

    private final SubscriptionService subscriptions;

    SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/subscribe")
    @Operation(operationId = "subscribe", summary = "Follow users; answers all users now followed with their presence",
            description = "Applies at once to the subscriber's open WebSockets on every API node: each gets a snapshot"
                    + " frame of the newly added users, then their events.")
    @ApiResponse(responseCode = "200", description = "every user the subscriber now follows, with their presence")
    @ApiResponse(responseCode = "403", description = "subscriberId is another user and the token lacks the presence:admin scope")
    SubscriptionView subscribe(Authentication caller, @Valid @RequestBody SubscriptionRequest request) {
        return subscriptions.subscribe(Caller.of(caller), request.subscriberId(), request.userIds());
    }

    @PostMapping("/unsubscribe")
    @Operation(operationId = "unsubscribe", summary = "Stop following users; answers those still followed with their presence",
            description = "The subscriber's open WebSockets on every API node stop getting those users' events.")
    @ApiResponse(responseCode = "200", description = "every user the subscriber still follows, with their presence")
    @ApiResponse(responseCode = "403", description = "subscriberId is another user and the token lacks the presence:admin scope")
    SubscriptionView unsubscribe(Authentication caller, @Valid @RequestBody SubscriptionRequest request) {
        return subscriptions.unsubscribe(Caller.of(caller), request.subscriberId(), request.userIds());
    }
}
