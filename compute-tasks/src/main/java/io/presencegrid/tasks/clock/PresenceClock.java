package io.presencegrid.tasks.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The time presence is stamped with, to the millisecond, which is what clients and SQL need and what JSON
 * shows. A session's time is its primary's clock; a row's is read by the node that sends the write (the
 * API node, or the server whose expiry service or sweeper ends a device), because every copy of a row
 * applies the same processor and must stamp the same time. Hosts keep their clocks in step (NTP); the
 * endings allow half a TTL between them ({@link io.presencegrid.tasks.presence.PresenceRules#endDevice}).
 */
public final class PresenceClock {

    public static final Clock MILLISECONDS = Clock.tickMillis(ZoneOffset.UTC);

    private PresenceClock() {
    }

    public static Instant now() {
        return MILLISECONDS.instant();
    }
}
