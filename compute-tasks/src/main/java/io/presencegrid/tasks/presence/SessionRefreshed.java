package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * What {@link RefreshSession} found at the session's primary: the user's PRESENCE row as it stood, the
 * status and time the session was refreshed with, and whether the row must still be told. A plain
 * class: it crosses the wire back to the API node.
 */
public final class SessionRefreshed {

    private final UserPresence row;
    private final String status;
    private final Timestamp refreshedAt;
    private final boolean sessionStarted;
    private final boolean rowAgrees;
    private final long heldBy;

    public SessionRefreshed(UserPresence row, PresenceStatus status, Instant refreshedAt, boolean sessionStarted, boolean rowAgrees) {
        this(row, status, refreshedAt, sessionStarted, rowAgrees, DeviceSession.NO_OWNER);
    }

    /** @param heldBy see {@link #heldBy()} */
    public SessionRefreshed(UserPresence row, PresenceStatus status, Instant refreshedAt, boolean sessionStarted, boolean rowAgrees,
                            long heldBy) {
        this.row = row;
        this.status = status.wireName();
        this.refreshedAt = Timestamp.from(refreshedAt);
        this.sessionStarted = sessionStarted;
        this.rowAgrees = rowAgrees;
        this.heldBy = heldBy;
    }

    /** The PRESENCE row when the session was written, {@code null} for a user never seen. */
    public UserPresence row() {
        return row;
    }

    /** The device's status as the session now records it. */
    public PresenceStatus status() {
        return PresenceStatus.fromWireName(status);
    }

    public Instant refreshedAt() {
        return refreshedAt.toInstant();
    }

    /** No session was live for the device: this refresh began a new one. */
    public boolean sessionStarted() {
        return sessionStarted;
    }

    /**
     * The API node whose socket holds the session, when the write was not that node's (a REST update of a
     * device a socket holds), else {@link DeviceSession#NO_OWNER}: the session then needs its long TTL back
     * ({@link ExtendHeldSession}).
     */
    public long heldBy() {
        return heldBy;
    }

    /** The row lists the device with this status already: nothing durable is owed. */
    public boolean rowAgrees() {
        return rowAgrees;
    }
}
