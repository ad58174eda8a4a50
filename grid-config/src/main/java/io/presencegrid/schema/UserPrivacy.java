package io.presencegrid.schema;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Who may see a user's presence and last seen. Stored inside the user's PRESENCE row, so every change of
 * the row, and every event the grid sends of it, carries the rules in force at that very version: a
 * viewer's access is decided from the event itself, never from a copy that could lag behind it. The
 * default (everyone, no lists) is stored as no privacy at all.
 *
 * <p>A viewer may see presence when not blocked and {@code presence} is everyone, or allowed with the
 * viewer in {@code allowed}; last seen likewise. The lists are sorted, so a check is a binary search and
 * two equal settings are equal objects. An immutable class rather than a record: Ignite's binary
 * marshaller sets fields through {@code Unsafe}, which refuses record classes on Java 17.
 */
public final class UserPrivacy {

    /** The most ids each list may hold. */
    public static final int MAX_LIST_SIZE = 1000;

    /** The rule of one part of a user's presence. */
    public enum Audience {
        EVERYONE, ALLOWED, NOBODY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but everyone, allowed or nobody */
        public static Audience fromWireName(String wireName) {
            for (Audience audience : values()) {
                if (audience.wireName().equals(wireName)) {
                    return audience;
                }
            }
            throw new IllegalArgumentException("unknown audience " + wireName);
        }
    }

    private static final String[] NONE = new String[0];
    /** {@code Audience.values()} copies its array each call; this is read on every check of an event. */
    private static final Audience[] AUDIENCES = Audience.values();

    private final byte presence;
    private final byte lastSeen;
    private final String[] allowed;
    private final String[] blocked;

    public UserPrivacy(Audience presence, Audience lastSeen, Collection<String> allowed, Collection<String> blocked) {
        this.presence = (byte) Objects.requireNonNull(presence, "presence").ordinal();
        this.lastSeen = (byte) Objects.requireNonNull(lastSeen, "lastSeen").ordinal();
        this.allowed = sorted(allowed, "allowed");
        this.blocked = sorted(blocked, "blocked");
    }

    /** Everyone sees everything: what a user who never set privacy has. */
    public static final UserPrivacy EVERYONE = new UserPrivacy(Audience.EVERYONE, Audience.EVERYONE, List.of(), List.of());

    public Audience presence() {
        return AUDIENCES[presence];
    }

    public Audience lastSeen() {
        return AUDIENCES[lastSeen];
    }

    public List<String> allowed() {
        return List.of(allowed);
    }

    public List<String> blocked() {
        return List.of(blocked);
    }

    public boolean isDefault() {
        return equals(EVERYONE);
    }

    /** Whether every viewer other than the user sees the same: no one blocked, no audience of allowed ones. */
    public boolean showsEveryoneAlike() {
        return blocked.length == 0 && presence() != Audience.ALLOWED && lastSeen() != Audience.ALLOWED;
    }

    /** Whether {@code viewerId}, someone other than the user, may see the user's presence. */
    public boolean showsPresenceTo(String viewerId) {
        return shows(presence(), viewerId);
    }

    /** Whether {@code viewerId}, someone other than the user, may see when the user was last seen. */
    public boolean showsLastSeenTo(String viewerId) {
        return shows(lastSeen(), viewerId);
    }

    private boolean shows(Audience audience, String viewerId) {
        if (Arrays.binarySearch(blocked, viewerId) >= 0) {
            return false;
        }
        return switch (audience) {
            case EVERYONE -> true;
            case ALLOWED -> Arrays.binarySearch(allowed, viewerId) >= 0;
            case NOBODY -> false;
        };
    }

    private static String[] sorted(Collection<String> ids, String field) {
        Objects.requireNonNull(ids, field);
        TreeSet<String> unique = new TreeSet<>(ids);
        if (unique.size() > MAX_LIST_SIZE) {
            throw new IllegalArgumentException(field + " holds more than " + MAX_LIST_SIZE + " ids");
        }
        return unique.isEmpty() ? NONE : unique.toArray(NONE);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof UserPrivacy that && presence == that.presence && lastSeen == that.lastSeen
                && Arrays.equals(allowed, that.allowed) && Arrays.equals(blocked, that.blocked);
    }

    @Override
    public int hashCode() {
        return Objects.hash(presence, lastSeen, Arrays.hashCode(allowed), Arrays.hashCode(blocked));
    }

    @Override
    public String toString() {
        return "UserPrivacy[presence=" + presence().wireName() + ", lastSeen=" + lastSeen().wireName()
                + ", allowed=" + allowed.length + " ids, blocked=" + blocked.length + " ids]";
    }
}
