package io.presencegrid.api.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.fakes.FakeGrid;
import io.presencegrid.api.web.ConflictException;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceUpdate;
import org.junit.jupiter.api.Test;

/** Channel rules against a fake grid: the channel's limit, and who a listing shows. */
class ChannelServiceTest {

    private final FakeGrid grid = new FakeGrid();
    private final ChannelService channels = new ChannelService(grid.channels(), grid.presence());

    @Test
    void aFullChannelRefusesANewUserNamingTheChannelButTakesAMembersOtherDevice() {
        for (int i = 0; i < ChannelMember.MAX_PER_CHANNEL; i++) {
            join("full", "u" + i, "phone");
        }
        set("newcomer", "phone", PresenceStatus.ONLINE);
        set("u0", "laptop", PresenceStatus.ONLINE);

        assertThatThrownBy(() -> channels.join(Caller.self("newcomer"), "full", "newcomer", "phone"))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("channelId:");
        assertThat(channels.join(Caller.self("u0"), "full", "u0", "laptop").occupancy()).isEqualTo(ChannelMember.MAX_PER_CHANNEL);
    }

    @Test
    void anInvisibleMemberCountsButOnlyTheyThemselvesSeeThemListed() {
        join("room", "seen", "default");
        join("room", "ghost", "default");
        set("ghost", "default", PresenceStatus.INVISIBLE);

        ChannelListing byOther = channels.members(Caller.self("viewer"), "room", null, 100);
        ChannelListing byAdmin = channels.members(new Caller("ops", true), "room", null, 100);
        ChannelListing byGhost = channels.members(Caller.self("ghost"), "room", null, 100);

        assertThat(byOther.occupancy()).isEqualTo(2);
        assertThat(byOther.members()).extracting(ChannelMemberView::userId).containsExactly("seen");
        assertThat(byAdmin.members()).extracting(ChannelMemberView::userId).containsExactly("seen");
        assertThat(byGhost.members()).extracting(ChannelMemberView::userId).containsExactly("ghost", "seen");
    }

    @Test
    void aPageWithHiddenMembersHoldsFewerThanItsLimitAndStillPointsToTheNext() {
        join("room", "a", "default");
        join("room", "b", "default");
        join("room", "c", "default");
        set("b", "default", PresenceStatus.INVISIBLE);

        ChannelListing first = channels.members(Caller.self("viewer"), "room", null, 2);

        assertThat(first.members()).extracting(ChannelMemberView::userId).containsExactly("a");
        assertThat(first.next()).isEqualTo("b");
    }

    private void join(String channelId, String userId, String device) {
        set(userId, device, PresenceStatus.ONLINE);
        channels.join(Caller.self(userId), channelId, userId, device);
    }

    private void set(String userId, String device, PresenceStatus status) {
        grid.presence().update(new PresenceUpdate(userId, device, status, null, ChangeReason.UPDATE));
    }
}
