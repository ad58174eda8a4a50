package io.presencegrid.tasks.presence;

import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Instant;
import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * A user's new privacy, written into their PRESENCE row at its primary, under the entry's lock like every
 * other write of the row: the row's next event carries it, so each API node applies the new rules from
 * exactly that version on, and a viewer who loses access learns nothing of any later change. Version and
 * updatedAt stay: the user's presence did not change. A user never seen gets a row that holds only the
 * privacy ({@link UserPresence#privacyOnly}), removed again if they return to the default. Repeating it changes nothing. Answers the row as stored.
 */
public final class ApplyPrivacy implements CacheEntryProcessor<String, UserPresence, UserPresence> {

    private static final long serialVersionUID = 1L;

    private final UserPrivacy privacy;
    /** Read once, where the write is made: every copy of the row must compute the same row from it. */
    private final long nowMillis = PresenceClock.now().toEpochMilli();

    public ApplyPrivacy(UserPrivacy privacy) {
        this.privacy = Objects.requireNonNull(privacy, "privacy");
    }

    @Override
    public UserPresence process(MutableEntry<String, UserPresence> entry, Object... arguments) {
        UserPresence current = entry.getValue();
        if (current == null) {
            if (privacy.isDefault()) {
                return null;
            }
            UserPresence created = UserPresence.privacyOnly(privacy, Instant.ofEpochMilli(nowMillis));
            entry.setValue(created);
            return created;
        }
        if (current.privacy().equals(privacy)) {
            return current;
        }
        if (!current.seen() && privacy.isDefault()) {
            // Back to the default before ever being seen: nothing left to keep.
            entry.remove();
            return null;
        }
        UserPresence next = current.withPrivacy(privacy);
        entry.setValue(next);
        return next;
    }
}
