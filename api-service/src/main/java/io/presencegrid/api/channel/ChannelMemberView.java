package io.presencegrid.api.channel;

import io.presencegrid.api.presence.PresenceView;
import java.util.List;

/** One user in a channel as a viewer sees them: the devices in the channel and the user's presence. */
public record ChannelMemberView(String userId, List<String> devices, PresenceView presence) {
}
