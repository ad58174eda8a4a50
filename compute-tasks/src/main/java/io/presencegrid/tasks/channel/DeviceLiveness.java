package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.UserPresence;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CachePeekMode;

/**
 * Whether a device is in its user's presence, read from the user's row on this node. Channel entry
 * processors run on the device entry's primary, which is the row's primary too (both colocated by user).
 */
final class DeviceLiveness {

    private DeviceLiveness() {
    }

    static boolean live(Ignite ignite, String userId, String device) {
        UserPresence row = ignite.<String, UserPresence>cache(CacheNames.PRESENCE)
                .localPeek(userId, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
        return row != null && row.deviceStatus(device) != null;
    }
}
