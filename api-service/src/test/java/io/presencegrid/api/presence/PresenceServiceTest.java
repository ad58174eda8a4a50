package io.presencegrid.api.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.fakes.FakeGrid;
import io.presencegrid.api.web.ForbiddenException;
import io.presencegrid.api.web.NotFoundException;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The presence use cases against a fake grid: permissions, versions and whose view a write answers. */
class PresenceServiceTest {

    private final FakeGrid grid = new FakeGrid();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PresenceService presence = new PresenceService(grid.presence(), meters);

    @Test
    void anotherUsersUpdateIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> presence.update(Caller.self("mallory"), request("victim", "phone", "online", null)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageStartingWith("userId:");

        assertThat(grid.presence().find("victim").presence()).isNull();
    }

    @Test
    void devicesAddUpToTheHighestStatusAndEachVisibleChangeRaisesTheVersion() {
        Caller dana = Caller.self("dana");
        PresenceView phone = presence.update(dana, request("dana", "phone", "online", null));
        PresenceView laptop = presence.update(dana, request("dana", "laptop", "busy", null));
        PresenceView laptopGone = presence.update(dana, request("dana", "laptop", "offline", null));
        PresenceView heartbeat = presence.update(dana, request("dana", "phone", "online", null));

        assertThat(laptop.status()).isEqualTo("busy");
        assertThat(laptop.devices()).hasSize(2);
        assertThat(laptopGone.status()).isEqualTo("online");
        assertThat(phone.version()).isLessThan(laptop.version());
        assertThat(laptop.version()).isLessThan(laptopGone.version());
        assertThat(heartbeat.version()).isEqualTo(laptopGone.version());
    }

    @Test
    void anAdminsWriteAnswersTheUsersOwnViewWhileTheAdminsReadShowsThePublicOne() {
        Caller admin = new Caller("ops", true);
        presence.update(Caller.self("eve"), request("eve", "phone", "online", null));

        PresenceView written = presence.update(admin, request("eve", "phone", "invisible", "back soon"));
        PresenceView read = presence.get(admin, "eve");

        assertThat(written.status()).isEqualTo("invisible");
        assertThat(written.message()).isEqualTo("back soon");
        assertThat(read.status()).isEqualTo("offline");
        assertThat(read.message()).isNull();
    }

    @Test
    void aUserNeverSeenIsNotFoundNamingUserId() {
        assertThatThrownBy(() -> presence.get(Caller.self("reader"), "nobody"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("userId:");
    }

    @Test
    void deletingIsForTheUserOrAnAdminAndRemovesThePresence() {
        presence.update(Caller.self("gone"), request("gone", "phone", "online", null));

        assertThatThrownBy(() -> presence.delete(Caller.self("mallory"), "gone")).isInstanceOf(ForbiddenException.class);
        assertThat(presence.get(Caller.self("reader"), "gone").status()).isEqualTo("online");

        presence.delete(new Caller("ops", true), "gone");
        assertThatThrownBy(() -> presence.get(Caller.self("reader"), "gone")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatesAndReadsAreTimed() {
        presence.update(Caller.self("timed"), request("timed", "phone", "online", null));
        presence.get(Caller.self("timed"), "timed");

        assertThat(meters.get("presence.updates").timer().count()).isEqualTo(1);
        assertThat(meters.get("presence.reads").timer().count()).isEqualTo(1);
    }

    @Test
    void aSocketsStatusOtherThanItsLastIsSentAsAChangeAndARepeatAsAPossibleHeartbeat() {
        List<String> calls = new ArrayList<>();
        PresenceService overSockets = new PresenceService(recording(calls), meters);
        Caller erin = Caller.self("erin");

        overSockets.updateSocketDevice(erin, "phone", PresenceStatus.ONLINE, PresenceStatus.BUSY, null, null);
        overSockets.updateSocketDevice(erin, "phone", PresenceStatus.BUSY, PresenceStatus.BUSY, null, null);
        overSockets.updateSocketDevice(erin, "phone", PresenceStatus.OFFLINE, PresenceStatus.ONLINE, null, null);

        assertThat(calls).containsExactly("changeHeldSession", "updateHeldSession", "changeHeldSession");
    }

    @Test
    void aRestStatusOtherThanTheDevicesLastOnThisNodeIsSentAsAChange() {
        List<String> calls = new ArrayList<>();
        PresenceService overRest = new PresenceService(recording(calls), meters);
        Caller fay = Caller.self("fay");

        overRest.update(fay, request("fay", "phone", "online", null));
        overRest.update(fay, request("fay", "phone", "online", null));
        overRest.update(fay, request("fay", "phone", "away", null));
        overRest.update(fay, request("fay", "laptop", "away", null));
        overRest.update(fay, request("fay", "phone", "offline", null));
        overRest.update(fay, request("fay", "phone", "online", null));

        assertThat(calls).as("a device first seen, its repeat, its new status, another device first seen, offline, back")
                .containsExactly("update", "update", "change", "update", "change", "change");
    }

    /** A store that records which of its methods the service called, and answers a user never seen. */
    private static PresenceStore recording(List<String> calls) {
        return (PresenceStore) Proxy.newProxyInstance(PresenceStore.class.getClassLoader(), new Class<?>[] {PresenceStore.class},
                (store, method, arguments) -> {
                    calls.add(method.getName());
                    return new PresenceSnapshot(((PresenceUpdate) arguments[0]).userId(), null, Map.of());
                });
    }

    private static UpdateStatusRequest request(String userId, String device, String status, String message) {
        return new UpdateStatusRequest(userId, status, device, message, null);
    }
}
