package io.presencegrid.api.channel;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.api.presence.PresenceViews;
import io.presencegrid.api.web.ConflictException;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.channel.ChannelPage;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Channel presence with its rules: a device joins and leaves for its user (or an admin for anyone), only
 * while it is online; anyone signed in may list a channel and sees each member as that member's privacy
 * shows them. A member the viewer cannot see (hidden by privacy, or invisible) counts in the occupancy but
 * is not listed, so a listing never tells a viewer more than reading that user would.
 */
@Service
public class ChannelService {

    public static final int MAX_PAGE = 500;

    private final ChannelStore channels;
    private final PresenceStore presence;

    ChannelService(ChannelStore channels, PresenceStore presence) {
        this.channels = channels;
        this.presence = presence;
    }

    public ChannelOccupancy join(Caller caller, String channelId, String userId, String device) {
        caller.requireMayActFor("userId", userId);
        ChannelStore.Joined joined = channels.join(channelId, userId, device);
        switch (joined.outcome()) {
            case DEVICE_OFFLINE -> throw new ConflictException("device: " + device + " of " + userId
                    + " is not online; a device joins a channel while it is online (send its status first)");
            case TOO_MANY_CHANNELS -> throw new ConflictException("device: " + device + " of " + userId + " is in "
                    + DeviceChannels.MAX_CHANNELS + " channels, the most one device may be in");
            case CHANNEL_FULL -> throw new ConflictException("channelId: " + channelId + " has "
                    + ChannelMember.MAX_PER_CHANNEL + " members, the most one channel may hold");
            case JOINED, ALREADY_MEMBER -> {
                return new ChannelOccupancy(channelId, joined.occupancy());
            }
            default -> throw new IllegalStateException("unknown join outcome " + joined.outcome());
        }
    }

    public ChannelOccupancy leave(Caller caller, String channelId, String userId, String device) {
        caller.requireMayActFor("userId", userId);
        return new ChannelOccupancy(channelId, channels.leave(channelId, userId, device));
    }

    public ChannelListing members(Caller viewer, String channelId, String afterUserId, int limit) {
        ChannelPage page = channels.members(channelId, afterUserId, limit);
        Map<String, PresenceSnapshot> snapshots = page.members().isEmpty() ? Map.of() : presence.findAll(page.members().keySet());
        List<ChannelMemberView> listed = new ArrayList<>();
        page.members().forEach((userId, devices) -> {
            PresenceSnapshot snapshot = snapshots.get(userId);
            PresenceView view = snapshot == null ? null : PresenceViews.forViewer(snapshot, viewer);
            if (listed(view, viewer)) {
                listed.add(new ChannelMemberView(userId, devices, view));
            }
        });
        String next = page.more() ? page.members().lastKey() : null;
        return new ChannelListing(channelId, page.occupancy(), listed, next);
    }

    /**
     * A member is online by definition, so a view that says offline is one the viewer may not see through
     * (privacy, invisible), or a device that left a moment ago: either way not listed. Users see themselves.
     * Watched channels' events follow the same rule.
     */
    public static boolean listed(PresenceView view, Caller viewer) {
        return view != null && (viewer.userId().equals(view.userId()) || !PresenceStatus.OFFLINE.wireName().equals(view.status()));
    }
}
