package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Instant;
import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * A device's status change, applied to the user's PRESENCE row by an entry processor. Ignite runs it on
 * the row's primary node under the entry's lock (one implicit single-key transaction, none of ours), so
 * every writer of one user (devices on any API node, the expiry service, the sweeper) is serialised
 * there: no device is lost and {@code version} never goes back. The transaction runs it on the primary
 * and each backup applies this processor to its own copy, so the processor is deterministic: the time
 * it stamps is read when it is made, by the writer (PresenceWritesIT compares the three copies).
 * Answers the row as stored, without the user's privacy ({@link UserPresence#withoutPrivacy}).
 *
 * <p>If the primary dies mid-update the API node retries on the new primary, which may already hold the
 * result: applying the same device status and message again changes nothing visible, so no version is
 * spent twice.
 */
public final class ApplyDeviceUpdate implements CacheEntryProcessor<String, UserPresence, UserPresence> {

    private static final long serialVersionUID = 1L;

    private final String device;
    private final String status;
    private final String message;
    /** The device's metadata as canonical JSON; {@code null} keeps it, empty clears it. */
    private final String meta;
    private final String reason;
    /**
     * The device's session was created just now (the last one had ended, or there was none): the row's
     * record of the device's activity must move to now even when nothing visible changes, so an ending
     * notice of the session before it cannot take the device away (see {@link PresenceRules#endDevice}).
     */
    private final boolean sessionStarted;
    /** Epoch millis the device's session was written at, when the caller knows it; else 0, meaning now. */
    private final long sessionWrittenMillis;
    /** Read once, where the write is made: every copy of the row must compute the same row from it. */
    private final long nowMillis = PresenceClock.now().toEpochMilli();

    /**
     * @param message {@code null} keeps the user's message, empty clears it
     * @param reason  {@link ChangeReason#UPDATE}, or {@link ChangeReason#DISCONNECT} when a device socket closed
     */
    public ApplyDeviceUpdate(String device, PresenceStatus status, String message, ChangeReason reason, boolean sessionStarted) {
        this(device, status, message, reason, sessionStarted, null);
    }

    /**
     * @param sessionWrittenAt when the device's session was just written: the row records the very same
     *                         activity, so the session's ending notice matches it exactly
     */
    public ApplyDeviceUpdate(String device, PresenceStatus status, String message, ChangeReason reason, boolean sessionStarted,
                             Instant sessionWrittenAt) {
        this(device, status, message, null, reason, sessionStarted, sessionWrittenAt);
    }

    /** @param meta the device's metadata as canonical JSON; {@code null} keeps it, empty clears it */
    public ApplyDeviceUpdate(String device, PresenceStatus status, String message, String meta, ChangeReason reason,
                             boolean sessionStarted, Instant sessionWrittenAt) {
        this.meta = meta;
        this.device = Objects.requireNonNull(device, "device");
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.message = message;
        this.reason = Objects.requireNonNull(reason, "reason").wireName();
        this.sessionStarted = sessionStarted;
        this.sessionWrittenMillis = sessionWrittenAt == null ? 0 : sessionWrittenAt.toEpochMilli();
    }

    @Override
    public UserPresence process(MutableEntry<String, UserPresence> entry, Object... arguments) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant activity = sessionWrittenMillis == 0 ? now : Instant.ofEpochMilli(sessionWrittenMillis);
        UserPresence current = entry.getValue();
        UserPresence next = PresenceRules.applyDevice(current, device, PresenceStatus.fromWireName(status), message, meta,
                ChangeReason.fromWireName(reason), activity, now);
        boolean deviceRestarted = sessionStarted && next.devices().containsKey(device);
        if (!PresenceRules.worthWriting(current, next) && !deviceRestarted) {
            return current == null ? null : current.withoutPrivacy();
        }
        entry.setValue(next);
        return next.withoutPrivacy();
    }
}
