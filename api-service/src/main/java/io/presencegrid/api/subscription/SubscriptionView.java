package io.presencegrid.api.subscription;

import io.presencegrid.api.presence.PresenceView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A subscriber's subscriptions after a change, with the presence of everyone they now follow. */
public record SubscriptionView(
        @Schema(example = "bob") String subscriberId,
        List<String> userIds,
        List<PresenceView> presence) {
}
