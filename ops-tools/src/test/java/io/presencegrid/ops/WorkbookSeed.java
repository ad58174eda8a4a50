package io.presencegrid.ops;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.schema.UserPresence;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;

/**
 * The known data the SQL workbook is checked against, and the exact answer each {@code sql/queries}
 * file must give on it. Rows go straight into the caches (not through the API) so that last-seen
 * times can lie minutes or weeks in the past.
 *
 * <p>The data is consistent the way the grid keeps it: a PRESENCE row that is not offline names
 * exactly the devices whose DEVICE_SESSION rows exist, so the presence sweeper running on the test
 * nodes finds nothing to repair and the answers stay put.
 */
final class WorkbookSeed {

    private final Instant now;
    private final Map<String, UserPresence> presence = new LinkedHashMap<>();
    private final Map<DeviceSessionKey, DeviceSession> sessions = new LinkedHashMap<>();
    private final Map<SubscriptionKey, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<ChannelMemberKey, ChannelMember> channelMembers = new LinkedHashMap<>();

    WorkbookSeed(Instant now) {
        this.now = now;
        user("ann", PresenceStatus.ONLINE, minutesAgo(1), device("laptop", PresenceStatus.ONLINE, minutesAgo(1)),
                device("phone", PresenceStatus.AWAY, minutesAgo(2)));
        user("bob", PresenceStatus.BUSY, minutesAgo(3), device("laptop", PresenceStatus.BUSY, minutesAgo(3)));
        user("cid", PresenceStatus.AWAY, minutesAgo(5), device("phone", PresenceStatus.AWAY, minutesAgo(5)));
        // Invisible: others see dee offline; SQL shows the true status.
        user("dee", PresenceStatus.INVISIBLE, minutesAgo(4), device("phone", PresenceStatus.INVISIBLE, minutesAgo(4)),
                device("tablet", PresenceStatus.ONLINE, minutesAgo(6)));
        user("eve", PresenceStatus.ONLINE, minutesAgo(10), device("default", PresenceStatus.ONLINE, minutesAgo(10)));
        user("fay", PresenceStatus.OFFLINE, minutesAgo(12));
        user("gus", PresenceStatus.OFFLINE, minutesAgo(20));
        // gus's phone holds an explicit offline while its socket is open: a session row, no live session.
        sessions.put(new DeviceSessionKey("gus", "phone"), new DeviceSession(PresenceStatus.OFFLINE, minutesAgo(20), 7));
        user("hal", PresenceStatus.OFFLINE, daysAgo(29));
        user("ivy", PresenceStatus.OFFLINE, daysAgo(31));
        user("jon", PresenceStatus.OFFLINE, daysAgo(40));
        user("kim", PresenceStatus.OFFLINE, null);
        // Fan-in: star-01 has 25 followers, star-02 24, ... star-25 one; ann ties star-20 with six.
        for (int star = 1; star <= 25; star++) {
            for (int fan = 1; fan <= 26 - star; fan++) {
                follow(String.format("star-%02d", star), String.format("fan-%03d", fan));
            }
        }
        for (String fan : List.of("bob", "cid", "dee", "eve", "fay", "gus")) {
            follow("ann", fan);
        }
        // Online devices only, as the grid keeps it: ann is in the standup on both of hers.
        member("standup", "ann", "laptop");
        member("standup", "ann", "phone");
        member("standup", "bob", "laptop");
        member("lobby", "dee", "phone");
        member("lobby", "eve", "default");
        member("design", "cid", "phone");
    }

    /** Sessions first: a presence row naming a device whose session is missing would be swept offline. */
    void writeTo(Ignite node) {
        node.cache(CacheNames.DEVICE_SESSION).putAll(sessions);
        node.cache(CacheNames.PRESENCE).putAll(presence);
        node.cache(CacheNames.SUBSCRIPTION).putAll(subscriptions);
        node.cache(CacheNames.CHANNEL_MEMBER).putAll(channelMembers);
    }

    /** Workbook file name to its rows, each row the column values in JDBC's Java types. */
    Map<String, List<List<Object>>> expectedAnswers() {
        Map<String, List<List<Object>>> answers = new TreeMap<>();
        answers.put("online-users-by-status.sql", List.of(
                List.of("online", 2L), List.of("away", 1L), List.of("busy", 1L), List.of("invisible", 1L)));
        answers.put("online-users-by-device.sql", List.of(
                List.of("phone", 3L), List.of("laptop", 2L), List.of("default", 1L), List.of("tablet", 1L)));
        answers.put("users-active-in-last-n-minutes.sql", List.of(
                seen("ann", "online"), seen("bob", "busy"), seen("dee", "invisible"),
                seen("cid", "away"), seen("eve", "online"), seen("fay", "offline")));
        answers.put("most-followed-users.sql", mostFollowed());
        answers.put("sessions-per-user.sql", List.of(List.of(0L, 6L), List.of(1L, 3L), List.of(2L, 2L)));
        answers.put("channel-occupancy.sql", List.of(
                List.of("lobby", 2L, 2L), List.of("standup", 2L, 3L), List.of("design", 1L, 1L)));
        answers.put("users-not-seen-for-30-days.sql", List.of(
                List.of("jon", "offline", timestamp("jon"), 40L), List.of("ivy", "offline", timestamp("ivy"), 31L)));
        return answers;
    }

    private List<List<Object>> mostFollowed() {
        List<List<Object>> top = new ArrayList<>();
        for (int star = 1; star <= 19; star++) {
            top.add(List.of(String.format("star-%02d", star), (long) (26 - star)));
        }
        top.add(List.of("ann", 6L));
        return top;
    }

    private List<Object> seen(String userId, String status) {
        return List.of(userId, status, timestamp(userId));
    }

    private Timestamp timestamp(String userId) {
        return Timestamp.from(presence.get(userId).lastSeenAt());
    }

    private record Device(String id, PresenceStatus status, Instant lastActiveAt) {
    }

    private static Device device(String id, PresenceStatus status, Instant lastActiveAt) {
        return new Device(id, status, lastActiveAt);
    }

    private void user(String userId, PresenceStatus status, Instant lastSeenAt, Device... devices) {
        Map<String, DeviceState> live = new TreeMap<>();
        for (Device device : devices) {
            live.put(device.id(), new DeviceState(device.status(), device.lastActiveAt()));
            sessions.put(new DeviceSessionKey(userId, device.id()), new DeviceSession(device.status(), device.lastActiveAt()));
        }
        presence.put(userId, status == PresenceStatus.INVISIBLE
                // What the app shows others: offline, last seen before the user went invisible.
                ? new UserPresence(status, null, live, lastSeenAt, now, 3, ChangeReason.UPDATE,
                        lastSeenAt.minus(Duration.ofHours(1)), now, 2)
                : UserPresence.visible(status, null, live, lastSeenAt, now, 1));
    }

    private void member(String channelId, String userId, String device) {
        channelMembers.put(new ChannelMemberKey(channelId, userId, device), new ChannelMember(now));
    }

    private void follow(String userId, String subscriberId) {
        subscriptions.put(new SubscriptionKey(userId, subscriberId), new Subscription(now));
    }

    private Instant minutesAgo(int minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }
}
