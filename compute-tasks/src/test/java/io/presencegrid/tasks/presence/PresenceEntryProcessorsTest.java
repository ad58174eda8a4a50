package io.presencegrid.tasks.presence;

import io.presencegrid.testing.FakeEntry;
import static io.presencegrid.schema.PresenceStatus.AWAY;
import static io.presencegrid.schema.PresenceStatus.BUSY;
import static io.presencegrid.schema.PresenceStatus.OFFLINE;
import static io.presencegrid.schema.PresenceStatus.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry processors the write path sends to a key's primary, run against a fake entry. */
class PresenceEntryProcessorsTest {

    /** Presence keeps milliseconds, as its clock ticks. */
    private static Instant now() {
        return PresenceClock.now();
    }

    @Test
    void aStatusChangeIsWrittenAndTheSameChangeAgainIsNot() {
        FakeEntry<String, UserPresence> row = new FakeEntry<>("ann", null);

        UserPresence busy = new ApplyDeviceUpdate("phone", BUSY, "call", ChangeReason.UPDATE, false).process(row);
        UserPresence again = new ApplyDeviceUpdate("phone", BUSY, "call", ChangeReason.UPDATE, false).process(row);

        assertThat(busy.version()).isEqualTo(1);
        assertThat(again).isEqualTo(busy);
        assertThat(row.writes()).as("a repeat after a retried primary spends no version").isEqualTo(1);
    }

    @Test
    void aRestartedSessionMovesTheDevicesActivityEvenWhenNothingVisibleChanges() {
        UserPresence old = PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, now().minusSeconds(120));
        FakeEntry<String, UserPresence> row = new FakeEntry<>("bo", old);

        UserPresence stored = new ApplyDeviceUpdate("phone", ONLINE, null, ChangeReason.UPDATE, true).process(row);

        assertThat(row.writes()).isEqualTo(1);
        assertThat(stored.version()).isEqualTo(old.version());
        assertThat(stored.devices().get("phone").lastActiveAt()).isAfter(old.devices().get("phone").lastActiveAt());
    }

    @Test
    void offlineTakesTheDeviceOutAndIsNeverForcedBack() {
        FakeEntry<String, UserPresence> row = new FakeEntry<>("cy",
                PresenceRules.applyDevice(null, "phone", AWAY, null, ChangeReason.UPDATE, now()));

        UserPresence stored = new ApplyDeviceUpdate("phone", OFFLINE, null, ChangeReason.DISCONNECT, true).process(row);

        assertThat(stored.status()).isEqualTo(OFFLINE);
        assertThat(stored.deviceCount()).isZero();
        assertThat(stored.reason()).isEqualTo(ChangeReason.DISCONNECT);
    }

    @Test
    void anEndedSessionEndsTheDeviceOnceAndAnOlderNoticeNever() {
        Instant started = now().minusSeconds(90);
        FakeEntry<String, UserPresence> row = new FakeEntry<>("di",
                PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, started));

        boolean older = new EndDeviceSession("phone", started.minusSeconds(31), Duration.ofSeconds(30), ChangeReason.EXPIRED).process(row);
        boolean ended = new EndDeviceSession("phone", started.plusSeconds(60), Duration.ofSeconds(30), ChangeReason.EXPIRED).process(row);
        boolean repeated = new EndDeviceSession("phone", started.plusSeconds(60), Duration.ofSeconds(30), ChangeReason.EXPIRED).process(row);

        assertThat(older).as("a session the row heard of after").isFalse();
        assertThat(ended).isTrue();
        assertThat(repeated).isFalse();
        assertThat(row.getValue().status()).isEqualTo(OFFLINE);
        assertThat(row.getValue().lastSeenAt()).isEqualTo(started.plusSeconds(60));
        assertThat(row.writes()).isEqualTo(1);
    }

    @Test
    void activityIsRecordedOnlyOnceItIsAnIntervalAhead() {
        Instant started = now().minus(PresenceRules.LAST_SEEN_WRITE_INTERVAL).minusSeconds(10);
        FakeEntry<String, UserPresence> row = new FakeEntry<>("ed",
                PresenceRules.applyDevice(null, "phone", ONLINE, null, ChangeReason.UPDATE, started));

        new RecordActivity(Map.of("phone", started.plusSeconds(20))).process(row);
        new RecordActivity(Map.of("phone", started.plus(PresenceRules.LAST_SEEN_WRITE_INTERVAL))).process(row);

        assertThat(row.writes()).isEqualTo(1);
        assertThat(row.getValue().lastSeenAt()).isEqualTo(started.plus(PresenceRules.LAST_SEEN_WRITE_INTERVAL));
    }

    @Test
    void theRetentionPurgeRemovesOnlyAnInactiveRowWithoutDevices() {
        Instant cutoff = now().minusSeconds(3600);
        UserPresence gone = PresenceRules.applyDevice(null, "phone", OFFLINE, null, ChangeReason.UPDATE, cutoff.minusSeconds(60));
        UserPresence back = PresenceRules.applyDevice(gone, "phone", ONLINE, null, ChangeReason.UPDATE, cutoff.minusSeconds(30));
        FakeEntry<String, UserPresence> inactive = new FakeEntry<>("fi", gone);
        FakeEntry<String, UserPresence> live = new FakeEntry<>("gu", back);

        assertThat(new RemoveIfInactive(cutoff).process(inactive)).isEqualTo("DELETED");
        assertThat(inactive.exists()).isFalse();
        assertThat(new RemoveIfInactive(cutoff).process(live)).as("a live device keeps the user").isEqualTo("KEPT_ACTIVE");
        assertThat(new RemoveIfInactive(cutoff).process(new FakeEntry<>("ha", null))).isEqualTo("ABSENT");
    }

    @Test
    void aDepartedNodesSessionEndsUnlessAnotherNodeHoldsItNow() {
        DeviceSession held = new DeviceSession(ONLINE, now(), 7);
        FakeEntry<DeviceSessionKey, DeviceSession> session = new FakeEntry<>(new DeviceSessionKey("io", "phone"), held);
        FakeEntry<DeviceSessionKey, DeviceSession> moved = new FakeEntry<>(new DeviceSessionKey("io", "web"),
                new DeviceSession(ONLINE, now(), 9));

        assertThat(new EndSessionHeldBy(7).process(session)).isEqualTo(held);
        assertThat(session.exists()).isFalse();
        assertThat(new EndSessionHeldBy(7).process(moved)).isNull();
        assertThat(moved.exists()).isTrue();
    }

    @Test
    void anOfflineIsHeldWhereASocketHoldsTheSessionAndEndsItElsewhere() {
        Instant at = now();
        FakeEntry<DeviceSessionKey, DeviceSession> socketHeld = new FakeEntry<>(new DeviceSessionKey("jo", "phone"),
                new DeviceSession(ONLINE, at.minusSeconds(5), 7));
        FakeEntry<DeviceSessionKey, DeviceSession> restHeld = new FakeEntry<>(new DeviceSessionKey("jo", "web"),
                new DeviceSession(ONLINE, at.minusSeconds(5)));
        FakeEntry<DeviceSessionKey, DeviceSession> released = new FakeEntry<>(new DeviceSessionKey("jo", "tv"),
                new DeviceSession(ONLINE, at.minusSeconds(5), DeviceSession.releasedBy(7)));

        assertThat(new HoldOffline(DeviceSession.NO_OWNER, at).process(socketHeld))
                .as("the holder, whose hold needs its long TTL back after a write that was not its own").isEqualTo(7L);
        assertThat(new HoldOffline(DeviceSession.NO_OWNER, at).process(restHeld)).isNull();
        assertThat(new HoldOffline(DeviceSession.NO_OWNER, at).process(released)).isNull();

        assertThat(socketHeld.getValue()).isEqualTo(new DeviceSession(OFFLINE, at, 7));
        assertThat(socketHeld.getValue().live()).isFalse();
        assertThat(restHeld.exists()).isFalse();
        assertThat(released.exists()).isFalse();
    }

    @Test
    void aSocketsOwnOfflineIsHeldEvenWithoutASession() {
        Instant at = now();
        FakeEntry<DeviceSessionKey, DeviceSession> none = new FakeEntry<>(new DeviceSessionKey("ka", "phone"), null);

        assertThat(new HoldOffline(9, at).process(none)).as("its own hold: nothing to put back").isNull();

        assertThat(none.getValue()).isEqualTo(new DeviceSession(OFFLINE, at, 9));
    }

    @Test
    void aHeldSessionIsRewrittenAsItIsOnlyWhileItsHolderStillHoldsIt() {
        Instant since = now().minusSeconds(30);
        FakeEntry<DeviceSessionKey, DeviceSession> held = new FakeEntry<>(new DeviceSessionKey("mo", "phone"),
                new DeviceSession(AWAY, since, 7));
        FakeEntry<DeviceSessionKey, DeviceSession> takenOver = new FakeEntry<>(new DeviceSessionKey("mo", "web"),
                new DeviceSession(ONLINE, since, 8));
        FakeEntry<DeviceSessionKey, DeviceSession> released = new FakeEntry<>(new DeviceSessionKey("mo", "tv"),
                new DeviceSession(ONLINE, since, DeviceSession.releasedBy(7)));
        FakeEntry<DeviceSessionKey, DeviceSession> gone = new FakeEntry<>(new DeviceSessionKey("mo", "car"), null);

        for (FakeEntry<DeviceSessionKey, DeviceSession> entry : List.of(held, takenOver, released, gone)) {
            new ExtendHeldSession(7).process(entry);
        }

        assertThat(held.writes()).as("rewritten, which gives it the TTL of the cache it was sent through").isEqualTo(1);
        assertThat(held.getValue()).isEqualTo(new DeviceSession(AWAY, since, 7));
        assertThat(takenOver.writes()).isZero();
        assertThat(released.writes()).isZero();
        assertThat(gone.exists()).isFalse();
    }

    @Test
    void onlyTheHoldingNodeReleasesASessionAndAHoldKeepsItsTime() {
        Instant since = now().minusSeconds(30);
        Instant closedAt = now();
        FakeEntry<DeviceSessionKey, DeviceSession> live = new FakeEntry<>(new DeviceSessionKey("lu", "phone"),
                new DeviceSession(AWAY, since, 7));
        FakeEntry<DeviceSessionKey, DeviceSession> hold = new FakeEntry<>(new DeviceSessionKey("lu", "web"),
                new DeviceSession(OFFLINE, since, 7));
        FakeEntry<DeviceSessionKey, DeviceSession> elsewhere = new FakeEntry<>(new DeviceSessionKey("lu", "tv"),
                new DeviceSession(ONLINE, since, 8));

        assertThat(new ReleaseSession(7, true, closedAt).process(live)).isNull();
        assertThat(new ReleaseSession(7, true, closedAt).process(hold)).isNull();
        assertThat(new ReleaseSession(7, true, closedAt).process(elsewhere)).isNull();

        assertThat(live.getValue()).isEqualTo(new DeviceSession(AWAY, closedAt, DeviceSession.releasedBy(7)));
        assertThat(live.getValue().released()).isTrue();
        assertThat(hold.getValue()).isEqualTo(new DeviceSession(OFFLINE, since, DeviceSession.releasedBy(7)));
        assertThat(elsewhere.getValue()).isEqualTo(new DeviceSession(ONLINE, since, 8));
        DeviceSession ended = new ReleaseSession(8, false, closedAt).process(elsewhere);
        assertThat(ended).as("without a grace: the session as it was, for the row").isEqualTo(new DeviceSession(ONLINE, since, 8));
        assertThat(elsewhere.exists()).isFalse();
    }
}
