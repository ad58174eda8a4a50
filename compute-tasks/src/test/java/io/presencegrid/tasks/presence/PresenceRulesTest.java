package io.presencegrid.tasks.presence;

import static io.presencegrid.schema.PresenceStatus.AWAY;
import static io.presencegrid.schema.PresenceStatus.BUSY;
import static io.presencegrid.schema.PresenceStatus.INVISIBLE;
import static io.presencegrid.schema.PresenceStatus.OFFLINE;
import static io.presencegrid.schema.PresenceStatus.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PresenceRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    /** Half the default 60 s TTL, what the servers allow between a session's and its row's record. */
    private static final java.time.Duration SLACK = java.time.Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "online, online, online", "online, away, online", "online, busy, busy", "online, invisible, invisible",
            "away, away, away", "away, busy, busy", "away, invisible, invisible",
            "busy, busy, busy", "busy, invisible, invisible", "invisible, invisible, invisible"})
    void twoDevicesAddUpToTheHigherStatusInEitherOrder(String first, String second, String expected) {
        PresenceStatus a = PresenceStatus.fromWireName(first);
        PresenceStatus b = PresenceStatus.fromWireName(second);

        assertThat(PresenceRules.aggregate(List.of(a, b))).isEqualTo(PresenceStatus.fromWireName(expected));
        assertThat(PresenceRules.aggregate(List.of(b, a))).isEqualTo(PresenceStatus.fromWireName(expected));
    }

    @Test
    void noLiveSessionIsOffline() {
        assertThat(PresenceRules.aggregate(List.of())).isEqualTo(OFFLINE);
    }

    @Test
    void firstUpdateCreatesVersionOne() {
        UserPresence first = next(null, sessions("phone", ONLINE), "hello", T0);

        assertThat(first.status()).isEqualTo(ONLINE);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.message()).isEqualTo("hello");
        assertThat(first.lastSeenAt()).isEqualTo(T0);
        assertThat(first.deviceStatuses()).containsExactly(Map.entry("phone", ONLINE));
        assertThat(first.devices().get("phone").lastActiveAt()).isEqualTo(T0);
    }

    @Test
    void aHeartbeatThatChangesNothingKeepsTheVersionAndIsNotWrittenForAWhile() {
        UserPresence current = next(null, sessions("phone", ONLINE), null, T0);
        Instant soon = T0.plusSeconds(5);

        UserPresence heartbeat = next(current, sessions("phone", ONLINE, soon), null, soon);

        assertThat(heartbeat.version()).isEqualTo(current.version());
        assertThat(heartbeat.updatedAt()).isEqualTo(T0);
        assertThat(heartbeat.lastSeenAt()).isEqualTo(soon);
        assertThat(PresenceRules.worthWriting(current, heartbeat)).isFalse();
        Instant later = T0.plus(PresenceRules.LAST_SEEN_WRITE_INTERVAL);
        assertThat(PresenceRules.worthWriting(current, next(current, sessions("phone", ONLINE, later), null, later))).isTrue();
    }

    @Test
    void aDeviceStatusChangeBehindAHigherStatusIsStillAVisibleChange() {
        UserPresence current = next(null, sessions("phone", ONLINE, "laptop", BUSY), null, T0);

        UserPresence next = next(current, sessions("phone", AWAY, "laptop", BUSY), null, T0.plusSeconds(1));

        assertThat(next.status()).isEqualTo(BUSY);
        assertThat(next.version()).isEqualTo(current.version() + 1);
        assertThat(PresenceRules.worthWriting(current, next)).isTrue();
    }

    @Test
    void messageIsKeptWhenAbsentAndClearedWhenEmpty() {
        UserPresence withMessage = next(null, sessions("phone", ONLINE), "lunch", T0);

        UserPresence kept = next(withMessage, sessions("phone", AWAY), null, T0.plusSeconds(1));
        UserPresence cleared = next(kept, sessions("phone", AWAY), "", T0.plusSeconds(2));

        assertThat(kept.message()).isEqualTo("lunch");
        assertThat(cleared.message()).isNull();
        assertThat(cleared.version()).isEqualTo(kept.version() + 1);
    }

    @Test
    void lastSessionGoneIsOfflineWithLastSeenKept() {
        UserPresence online = next(null, sessions("phone", ONLINE), null, T0);

        UserPresence offline = PresenceRules.next(online, Map.of(),
                new PresenceRules.Change(ChangeReason.EXPIRED, null, T0.plusSeconds(30)), T0.plusSeconds(90));

        assertThat(offline.status()).isEqualTo(OFFLINE);
        assertThat(offline.devices()).isEmpty();
        assertThat(offline.lastSeenAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(offline.reason()).isEqualTo(ChangeReason.EXPIRED);
        assertThat(offline.version()).isEqualTo(2);
        assertThat(offline.publicLastSeenAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void whileInvisibleThePublicProjectionStandsStill() {
        UserPresence online = next(null, sessions("phone", ONLINE), null, T0);
        UserPresence hidden = next(online, sessions("phone", INVISIBLE), null, T0.plusSeconds(10));

        UserPresence newMessage = next(hidden, sessions("phone", INVISIBLE, T0.plusSeconds(60)), "secret", T0.plusSeconds(60));
        UserPresence expired = PresenceRules.next(newMessage, Map.of(),
                new PresenceRules.Change(ChangeReason.EXPIRED, null, null), T0.plusSeconds(200));

        assertThat(hidden.publicVersion()).as("going invisible looks like going offline").isEqualTo(online.publicVersion() + 1);
        assertThat(newMessage.version()).isEqualTo(hidden.version() + 1);
        assertThat(newMessage.publicVersion()).isEqualTo(hidden.publicVersion());
        assertThat(newMessage.publicUpdatedAt()).isEqualTo(hidden.publicUpdatedAt());
        assertThat(expired.publicVersion()).as("invisible to offline is no change to others").isEqualTo(hidden.publicVersion());
        assertThat(expired.publicLastSeenAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(expired.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aUserOnlyEverInvisibleWasNeverSeenByOthers() {
        UserPresence hidden = next(null, sessions("phone", INVISIBLE), null, T0);

        assertThat(hidden.publicLastSeenAt()).isNull();
        assertThat(hidden.lastSeenAt()).isEqualTo(T0);
    }

    @Test
    void aDeviceActivityThatMovesIsNoVisibleChange() {
        UserPresence current = next(null, sessions("phone", ONLINE), null, T0);

        UserPresence moved = next(current, sessions("phone", ONLINE, T0.plusSeconds(40)), null, T0.plusSeconds(40));

        assertThat(moved.version()).isEqualTo(current.version());
        assertThat(moved.devices().get("phone").lastActiveAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(PresenceRules.worthWriting(current, moved)).as("activity alone waits for the interval").isFalse();
    }

    @Test
    void applyingADeviceSetsItWithNowAsItsActivityAndOfflineTakesItOut() {
        UserPresence phone = PresenceRules.applyDevice(null, "phone", BUSY, "call", ChangeReason.UPDATE, T0);
        UserPresence both = PresenceRules.applyDevice(phone, "web", AWAY, null, ChangeReason.UPDATE, T0.plusSeconds(3));
        UserPresence webOnly = PresenceRules.applyDevice(both, "phone", OFFLINE, null, ChangeReason.UPDATE, T0.plusSeconds(9));

        assertThat(both.deviceStatuses()).containsExactly(Map.entry("phone", BUSY), Map.entry("web", AWAY));
        assertThat(both.devices().get("web").lastActiveAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(both.message()).isEqualTo("call");
        assertThat(webOnly.deviceStatuses()).containsExactly(Map.entry("web", AWAY));
        assertThat(webOnly.status()).isEqualTo(AWAY);
        assertThat(webOnly.version()).isEqualTo(3);
    }

    @Test
    void anEndedSessionTakesItsDeviceOutWithItsLastActivityAsLastSeen() {
        UserPresence online = PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, T0);

        UserPresence ended = PresenceRules.endDevice(online, "phone", T0.plusSeconds(50), SLACK, ChangeReason.EXPIRED, T0.plusSeconds(110));

        assertThat(ended.status()).isEqualTo(OFFLINE);
        assertThat(ended.reason()).isEqualTo(ChangeReason.EXPIRED);
        assertThat(ended.lastSeenAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(ended.updatedAt()).isEqualTo(T0.plusSeconds(110));
    }

    @Test
    void anEndingNoticeOfASessionOlderThanTheRowsNewsOfTheDeviceChangesNothing() {
        // The old session was last active at T0 and expired a TTL (60 s) later; the device came back after.
        UserPresence restarted = PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, T0.plusSeconds(61));

        UserPresence notice = PresenceRules.endDevice(restarted, "phone", T0, SLACK, ChangeReason.EXPIRED, T0.plusSeconds(62));

        assertThat(notice).isSameAs(restarted);
        assertThat(PresenceRules.endDevice(restarted, "laptop", T0.plusSeconds(70), SLACK, ChangeReason.EXPIRED, T0.plusSeconds(71)))
                .as("a device the row does not list").isSameAs(restarted);
        assertThat(PresenceRules.endDevice(null, "phone", T0, SLACK, ChangeReason.EXPIRED, T0)).as("a user never seen").isNull();
    }

    @Test
    void aRowThatHeardOfTheDeviceMomentsAfterItsSessionWasWrittenStillEndsWithIt() {
        // The session was written at T0, the row a moment later (the two writes land in either order).
        UserPresence online = PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, T0.plusMillis(40));

        UserPresence ended = PresenceRules.endDevice(online, "phone", T0, SLACK, ChangeReason.DISCONNECT, T0.plusSeconds(10));

        assertThat(ended.status()).isEqualTo(OFFLINE);
        assertThat(ended.lastSeenAt()).as("the later of the two records").isEqualTo(T0.plusMillis(40));
    }

    @Test
    void recordedActivityMovesLastSeenAndTheDevicesButNeverAddsOne() {
        UserPresence online = PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, T0);
        Instant later = T0.plus(PresenceRules.LAST_SEEN_WRITE_INTERVAL);

        UserPresence recorded = PresenceRules.recordActivity(online, Map.of("phone", later, "ghost", later), later.plusSeconds(1));

        assertThat(recorded.lastSeenAt()).isEqualTo(later);
        assertThat(recorded.devices().get("phone").lastActiveAt()).isEqualTo(later);
        assertThat(recorded.deviceStatuses()).containsOnlyKeys("phone");
        assertThat(recorded.version()).isEqualTo(online.version());
        assertThat(PresenceRules.worthWriting(online, recorded)).isTrue();
        assertThat(PresenceRules.worthWriting(online,
                PresenceRules.recordActivity(online, Map.of("phone", T0.plusSeconds(30)), T0.plusSeconds(31)))).isFalse();
    }

    private static UserPresence next(UserPresence current, Map<String, DeviceState> live, String message, Instant now) {
        return PresenceRules.next(current, live, new PresenceRules.Change(ChangeReason.UPDATE, message, now), now);
    }

    private static Map<String, DeviceState> sessions(String device, PresenceStatus status) {
        return sessions(device, status, T0);
    }

    private static Map<String, DeviceState> sessions(String device, PresenceStatus status, Instant at) {
        Map<String, DeviceState> live = new TreeMap<>();
        live.put(device, new DeviceState(status, at));
        return live;
    }

    private static Map<String, DeviceState> sessions(String d1, PresenceStatus s1, String d2, PresenceStatus s2) {
        Map<String, DeviceState> live = sessions(d1, s1);
        live.put(d2, new DeviceState(s2, T0));
        return live;
    }

    @Test
    void aDevicesMetadataIsAVisibleChangeKeptUntilTheDeviceSendsAnotherAndHiddenWithTheUser() {
        Instant t0 = Instant.parse("2026-12-03T10:00:00Z");
        UserPresence online = PresenceRules.applyDevice(null, "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE, t0);

        UserPresence inCall = PresenceRules.applyDevice(online, "phone", PresenceStatus.ONLINE, null, "{\"inCall\":true}",
                ChangeReason.UPDATE, t0.plusSeconds(1), t0.plusSeconds(1));
        UserPresence same = PresenceRules.applyDevice(inCall, "phone", PresenceStatus.ONLINE, null, "{\"inCall\":true}",
                ChangeReason.UPDATE, t0.plusSeconds(2), t0.plusSeconds(2));
        UserPresence away = PresenceRules.applyDevice(inCall, "phone", PresenceStatus.AWAY, null, ChangeReason.UPDATE, t0.plusSeconds(3));
        UserPresence cleared = PresenceRules.applyDevice(away, "phone", PresenceStatus.AWAY, null, "",
                ChangeReason.UPDATE, t0.plusSeconds(4), t0.plusSeconds(4));

        assertThat(inCall.version()).isEqualTo(online.version() + 1);
        assertThat(inCall.publicVersion()).as("others see a device's metadata").isEqualTo(online.publicVersion() + 1);
        assertThat(same.version()).as("the same metadata again").isEqualTo(inCall.version());
        assertThat(away.devices().get("phone").meta()).as("absent keeps it").isEqualTo("{\"inCall\":true}");
        assertThat(cleared.devices().get("phone").meta()).isNull();
        assertThat(cleared.version()).isEqualTo(away.version() + 1);

        UserPresence hidden = PresenceRules.applyDevice(online, "phone", PresenceStatus.INVISIBLE, null, ChangeReason.UPDATE, t0.plusSeconds(5));
        UserPresence hiddenInCall = PresenceRules.applyDevice(hidden, "phone", PresenceStatus.INVISIBLE, null, "{\"inCall\":true}",
                ChangeReason.UPDATE, t0.plusSeconds(6), t0.plusSeconds(6));
        assertThat(hiddenInCall.version()).isEqualTo(hidden.version() + 1);
        assertThat(hiddenInCall.publicVersion()).as("nothing moves for others while the user is hidden").isEqualTo(hidden.publicVersion());
    }

    @Test
    void privacyTravelsWithEveryChangeAndARowOfPrivacyAloneIsAFirstAppearanceLater() {
        UserPrivacy nobody = new UserPrivacy(UserPrivacy.Audience.NOBODY, UserPrivacy.Audience.NOBODY, List.of(), List.of());
        UserPresence privacyOnly = UserPresence.privacyOnly(nobody, T0);

        UserPresence first = PresenceRules.applyDevice(privacyOnly, "phone", PresenceStatus.OFFLINE, null, ChangeReason.UPDATE, T0.plusSeconds(1));
        UserPresence second = PresenceRules.applyDevice(first, "phone", PresenceStatus.BUSY, "hi", ChangeReason.UPDATE, T0.plusSeconds(2));

        assertThat(first.version()).as("even an offline first update is the first appearance").isEqualTo(1);
        assertThat(first.seen()).isTrue();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.privacy()).isEqualTo(nobody);
        assertThat(PresenceRules.recordActivity(privacyOnly, java.util.Map.of("phone", T0.plusSeconds(5)), T0.plusSeconds(5)))
                .as("activity never makes a user seen").isSameAs(privacyOnly);
    }
}
