package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserPresenceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");

    @Test
    void devicesComeBackInIdOrderWithTheirStatusAndActivity() {
        Map<String, DeviceState> devices = new LinkedHashMap<>();
        devices.put("web", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(1)));
        devices.put("phone", new DeviceState(PresenceStatus.BUSY, T0));

        UserPresence presence = UserPresence.visible(PresenceStatus.BUSY, "call", devices, T0.plusSeconds(1), T0, 4);

        assertThat(presence.devices()).containsExactly(
                Map.entry("phone", new DeviceState(PresenceStatus.BUSY, T0)),
                Map.entry("web", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(1))));
        assertThat(presence.deviceStatuses()).containsExactly(
                Map.entry("phone", PresenceStatus.BUSY), Map.entry("web", PresenceStatus.AWAY));
        assertThat(presence.deviceCount()).isEqualTo(2);
    }

    @Test
    void thePublicTimesFollowTheTrueOnesUntilTheyDiffer() {
        UserPresence seen = UserPresence.visible(PresenceStatus.ONLINE, null, Map.of(), T0, T0, 1);
        UserPresence hidden = new UserPresence(PresenceStatus.INVISIBLE, "secret", Map.of(), T0.plusSeconds(60),
                T0.plusSeconds(60), 3, ChangeReason.UPDATE, T0, T0.plusSeconds(5), 2);
        UserPresence neverSeen = new UserPresence(PresenceStatus.INVISIBLE, null, Map.of(), T0, T0, 1,
                ChangeReason.UPDATE, null, T0, 1);

        assertThat(seen.publicLastSeenAt()).isEqualTo(T0);
        assertThat(seen.publicUpdatedAt()).isEqualTo(T0);
        assertThat(hidden.publicLastSeenAt()).isEqualTo(T0);
        assertThat(hidden.publicUpdatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(hidden.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(neverSeen.publicLastSeenAt()).as("seen by nobody but the user").isNull();
        assertThat(neverSeen.lastSeenAt()).isEqualTo(T0);
    }

    @Test
    void theReasonSurvivesItsCompactCode() {
        for (ChangeReason reason : ChangeReason.values()) {
            UserPresence presence = new UserPresence(PresenceStatus.OFFLINE, null, Map.of(), T0, T0, 1, reason, T0, T0, 1);
            assertThat(presence.reason()).isEqualTo(reason);
        }
    }

    @Test
    void anOfflineDeviceHasNoState() {
        assertThatThrownBy(() -> new DeviceState(PresenceStatus.OFFLINE, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packedDevicesRoundTripAndTruncatedBytesAreRefused() {
        Map<String, DeviceState> devices = Map.of("a.b@c-1", new DeviceState(PresenceStatus.INVISIBLE, T0),
                "x".repeat(64), new DeviceState(PresenceStatus.ONLINE, T0.plusMillis(1)));

        byte[] packed = DeviceStates.encode(devices);

        assertThat(DeviceStates.decode(packed)).isEqualTo(devices);
        assertThat(packed).hasSize(4 + (1 + 7 + 1 + 8) + (1 + 64 + 1 + 8));
        assertThat(DeviceStates.decode(null)).isEmpty();
        assertThatThrownBy(() -> DeviceStates.decode(java.util.Arrays.copyOf(packed, packed.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDevicesMetadataSurvivesTheRowsBytesAndRowsWithoutAnyReadAsBefore() {
        Map<String, DeviceState> devices = new LinkedHashMap<>();
        devices.put("phone", new DeviceState(PresenceStatus.BUSY, T0, "{\"app\":\"ios-3.1\",\"inCall\":true}"));
        devices.put("web", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(1)));

        byte[] packed = DeviceStates.encode(devices);

        assertThat(DeviceStates.decode(packed)).containsExactly(
                Map.entry("phone", new DeviceState(PresenceStatus.BUSY, T0, "{\"app\":\"ios-3.1\",\"inCall\":true}")),
                Map.entry("web", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(1))));
        // A row written before devices had metadata: count, then id length, id, status code 2 (away), time.
        java.nio.ByteBuffer legacy = java.nio.ByteBuffer.allocate(4 + 1 + 3 + 1 + 8).putInt(1).put((byte) 3)
                .put("web".getBytes(java.nio.charset.StandardCharsets.UTF_8)).put((byte) 2).putLong(T0.toEpochMilli());
        assertThat(DeviceStates.decode(legacy.array())).containsExactly(Map.entry("web", new DeviceState(PresenceStatus.AWAY, T0)));
    }

    @Test
    void oneDevicesStatusIsReadInPlacePastOthersMetadataAndNotFoundWhenUnlisted() {
        Map<String, DeviceState> devices = new LinkedHashMap<>();
        devices.put("phone", new DeviceState(PresenceStatus.BUSY, T0, "{\"app\":\"ios-3.1\"}"));
        devices.put("phonf", new DeviceState(PresenceStatus.INVISIBLE, T0));
        devices.put("web", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(1)));
        UserPresence presence = UserPresence.visible(PresenceStatus.BUSY, null, devices, T0, T0, 2);

        assertThat(presence.deviceStatus("phone")).isEqualTo(PresenceStatus.BUSY);
        assertThat(presence.deviceStatus("phonf")).isEqualTo(PresenceStatus.INVISIBLE);
        assertThat(presence.deviceStatus("web")).isEqualTo(PresenceStatus.AWAY);
        assertThat(presence.deviceStatus("phon")).isNull();
        assertThat(presence.deviceStatus("tablet")).isNull();
        assertThat(UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), T0, T0, 3).deviceStatus("web")).isNull();
        byte[] packed = DeviceStates.encode(devices);
        assertThatThrownBy(() -> DeviceStates.statusOf(java.util.Arrays.copyOf(packed, packed.length - 3), "web"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
