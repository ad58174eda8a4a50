package io.presencegrid.api.presence;

import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Where presence lives. The grid implementation runs each call on the user's primary node. */
public interface PresenceStore {

    PresenceSnapshot update(PresenceUpdate update);

    /**
     * An update known to change its device: a status other than the one the device last had, so no
     * heartbeat. The session's and the row's writes go at once.
     */
    PresenceSnapshot change(PresenceUpdate update);

    /** An update from a device socket of this API node: the session ends if this node leaves the grid. */
    PresenceSnapshot updateHeldSession(PresenceUpdate update);

    /**
     * An update from a device socket of this API node that changes its device: a status other than the one
     * the socket last set, so no heartbeat. The session's and the row's writes go at once.
     */
    PresenceSnapshot changeHeldSession(PresenceUpdate update);

    /**
     * A device socket of this API node opened: it takes over the device's session as it stands (a
     * socket of the device that closed within the disconnect grace, an offline the device holds), or
     * starts one with the opening's status.
     */
    PresenceSnapshot openHeldSession(PresenceUpdate opening);

    /**
     * A device socket of this API node closed without saying offline: the device stays for {@code grace}
     * unless a socket of it opens meanwhile, then goes with reason disconnect; zero, it goes at once.
     */
    void releaseHeldSession(String userId, String device, Duration grace);

    /**
     * The heartbeats of this API node's device sockets, in one batch: each session is refreshed (and
     * recorded as held by this node); a row that missed a device's status is brought in line.
     */
    void refreshHeldSessions(Collection<PresenceUpdate> heartbeats);

    /**
     * Writes this API node's lease, which keeps alive every session its device sockets hold: if it goes
     * unwritten for a TTL, the servers end them all.
     *
     * @return whether a lease of this node was there to renew; {@code false} the first time, and after it
     * lapsed (the servers have then ended the sessions, which the node must write again)
     */
    boolean renewLease();

    /** The user's snapshot; its presence is {@code null} for a user never seen. */
    PresenceSnapshot find(String userId);

    /** Snapshots of all the given users, keyed by user id. */
    Map<String, PresenceSnapshot> findAll(Collection<String> userIds);

    /** Purges the user's sessions, presence and subscriptions; nothing to purge is no failure. */
    void delete(String userId);
}
