package io.presencegrid.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.fakes.FakeGrid;
import io.presencegrid.api.presence.PresenceServices;
import io.presencegrid.api.web.ForbiddenException;
import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Subscribing against a fake grid: the limit, who may act, and what the subscriber's sockets are told. */
class SubscriptionServiceTest {

    private final FakeGrid grid = new FakeGrid();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SubscriptionService subscriptions = new SubscriptionService(grid.subscriptions(),
            PresenceServices.over(grid.presence()), grid.announcer(), meters);
    private final Caller sub = Caller.self("sub");

    @Test
    void passingTheLimitIsRefusedNamingUserIdsAndNeitherStoredNorAnnounced() {
        subscriptions.subscribe(sub, "sub", users(0, SubscriptionLedger.MAX_SUBSCRIPTIONS));

        assertThatThrownBy(() -> subscriptions.subscribe(sub, "sub", users(SubscriptionLedger.MAX_SUBSCRIPTIONS, 1001)))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("userIds:")
                .hasMessageContaining("follows 1000");

        assertThat(subscriptions.followed(sub, "sub")).hasSize(SubscriptionLedger.MAX_SUBSCRIPTIONS);
        assertThat(grid.announcer().announced()).hasSize(1);
        assertThat(meters.get("presence.subscriptions.added").counter().count()).isEqualTo(1000);
    }

    @Test
    void atTheLimitSubscribingAgainToUsersAlreadyFollowedPasses() {
        subscriptions.subscribe(sub, "sub", users(0, SubscriptionLedger.MAX_SUBSCRIPTIONS));

        SubscriptionView view = subscriptions.subscribe(sub, "sub", users(0, 2));

        assertThat(view.userIds()).hasSize(SubscriptionLedger.MAX_SUBSCRIPTIONS);
    }

    @Test
    void aNoticeSaysWhichSocketAskedSoThatSocketDoesNotApplyItTwice() {
        subscriptions.subscribe(sub, "sub", List.of("a"), "socket-1");
        subscriptions.unsubscribe(sub, "sub", List.of("a"));

        SubscriptionNotice bySocket = grid.announcer().announced().get(0);
        SubscriptionNotice byRest = grid.announcer().announced().get(1);
        assertThat(bySocket.cameFrom("socket-1")).isTrue();
        assertThat(bySocket.cameFrom("socket-2")).isFalse();
        assertThat(byRest.cameFrom("socket-1")).isFalse();
        assertThat(byRest.removed()).containsExactly("a");
    }

    @Test
    void anotherSubscribersFollowsAreNeitherReadNorChanged() {
        subscriptions.subscribe(Caller.self("victim"), "victim", List.of("x"));
        Caller spy = Caller.self("spy");

        assertThatThrownBy(() -> subscriptions.followed(spy, "victim")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> subscriptions.unsubscribe(spy, "victim", List.of("x"))).isInstanceOf(ForbiddenException.class);

        assertThat(grid.subscriptions().followed("victim")).containsExactly("x");
        assertThat(grid.announcer().announced()).hasSize(1);
    }

    private static List<String> users(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "u" + i).toList();
    }
}
