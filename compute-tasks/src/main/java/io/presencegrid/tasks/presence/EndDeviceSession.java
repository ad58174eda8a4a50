package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Takes a device whose session ended without the device saying so (it expired, or the API node holding
 * its socket left the grid) out of the user's PRESENCE row, with the session's last activity as the
 * user's last seen. Sent by the server that noticed, to the row on its own primary partitions; the
 * caller has checked that no session of the device is live. A device the row heard from well after that
 * session's last activity stays ({@link PresenceRules#endDevice}), which is what makes a late or
 * repeated notice harmless. Answers whether the row changed.
 */
public final class EndDeviceSession implements CacheEntryProcessor<String, UserPresence, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String device;
    private final long sessionLastActiveMillis;
    private final long slackMillis;
    private final String reason;
    /** Read once, where the ending is sent: every copy of the row runs this and must compute the same row. */
    private final long nowMillis = PresenceClock.now().toEpochMilli();

    /** @param slack how much later than the session's activity the row may have heard of it: see {@link PresenceRules#endDevice} */
    public EndDeviceSession(String device, Instant sessionLastActive, Duration slack, ChangeReason reason) {
        this.device = Objects.requireNonNull(device, "device");
        this.sessionLastActiveMillis = sessionLastActive.toEpochMilli();
        this.slackMillis = slack.toMillis();
        this.reason = Objects.requireNonNull(reason, "reason").wireName();
    }

    @Override
    public Boolean process(MutableEntry<String, UserPresence> entry, Object... arguments) {
        UserPresence current = entry.getValue();
        UserPresence next = PresenceRules.endDevice(current, device, Instant.ofEpochMilli(sessionLastActiveMillis),
                Duration.ofMillis(slackMillis), ChangeReason.fromWireName(reason), Instant.ofEpochMilli(nowMillis));
        if (next == current || !PresenceRules.worthWriting(current, next)) {
            return false;
        }
        entry.setValue(next);
        return true;
    }
}
