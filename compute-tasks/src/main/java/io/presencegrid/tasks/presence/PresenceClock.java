package io.presencegrid.tasks.presence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The time presence is stamped with: the clock of the node that applies the change (the user's primary,
 * for every write), to the millisecond, which is what clients and SQL need and what JSON shows.
 */
public final class PresenceClock {

    public static final Clock MILLISECONDS = Clock.tickMillis(ZoneOffset.UTC);

    private PresenceClock() {
    }

    public static Instant now() {
        return MILLISECONDS.instant();
    }
}
