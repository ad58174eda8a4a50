package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.schema.UserPrivacy.Audience;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** A channel's {@code members} frames: shared by watchers who may see the same, never stale, never across privacy. */
class WatchedChannelTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final SocketMeters meters = new SocketMeters(new SimpleMeterRegistry());
    private final WatchedChannel channel = new WatchedChannel("room");

    WatchedChannelTest() {
        channel.listed(Map.of("pia", List.of("phone"), "amy", List.of("web")));
        channel.presenceRead(Map.of("pia", snapshot("pia", PresenceStatus.BUSY, 3, UserPrivacy.EVERYONE),
                "amy", snapshot("amy", PresenceStatus.ONLINE, 5,
                        new UserPrivacy(Audience.ALLOWED, Audience.EVERYONE, List.of("bea"), List.of()))));
        channel.openAfterLoad();
    }

    @Test
    void watchersWhoMaySeeTheSameGetTheSameFrame() {
        List<TextMessage> cal = watch("cal");
        List<TextMessage> dan = watch("dan");

        assertThat(dan.get(0)).as("one serialization for both").isSameAs(cal.get(0));
        assertThat(cal.get(0).getPayload()).contains("\"occupancy\":2", "\"userId\":\"pia\"", "\"status\":\"busy\"")
                .doesNotContain("\"userId\":\"amy\"");
    }

    @Test
    void aWatcherWhoMaySeeMoreGetsAFrameOfTheirOwn() {
        List<TextMessage> cal = watch("cal");
        List<TextMessage> bea = watch("bea");
        List<TextMessage> dan = watch("dan");

        assertThat(bea.get(0)).isNotSameAs(cal.get(0));
        assertThat(bea.get(0).getPayload()).contains("\"userId\":\"amy\"", "\"userId\":\"pia\"");
        assertThat(dan.get(0).getPayload()).isEqualTo(cal.get(0).getPayload()).doesNotContain("\"userId\":\"amy\"");
    }

    @Test
    void aChangeBetweenTwoWatchesIsInTheSecondFrame() {
        List<TextMessage> cal = watch("cal");
        channel.deliver(new PresenceChange("pia", null, snapshot("pia", PresenceStatus.AWAY, 4, UserPrivacy.EVERYONE).presence()));
        List<TextMessage> dan = watch("dan");

        assertThat(cal.get(0).getPayload()).contains("\"status\":\"busy\"");
        assertThat(dan.get(0).getPayload()).contains("\"status\":\"away\"").doesNotContain("\"status\":\"busy\"");
    }

    @Test
    void whereEveryoneSeesAlikeAChangeAJoinAndANewDeviceAreInTheNextWatchersFrame() {
        WatchedChannel open = openChannel(snapshot("pia", PresenceStatus.BUSY, 3, UserPrivacy.EVERYONE));
        List<TextMessage> cal = watch(open, "cal");
        assertThat(watch(open, "dan").get(0)).isSameAs(cal.get(0));

        open.deliver(new PresenceChange("pia", null, snapshot("pia", PresenceStatus.AWAY, 4, UserPrivacy.EVERYONE).presence()));
        assertThat(watch(open, "eve").get(0).getPayload()).contains("\"status\":\"away\"");

        open.deviceJoined(new ChannelMemberChange("open", "pia", "web", true, T0));
        assertThat(watch(open, "fay").get(0).getPayload()).contains("\"devices\":[\"phone\",\"web\"]");

        open.deviceJoined(new ChannelMemberChange("open", "zed", "phone", true, T0));
        open.announce("zed", snapshot("zed", PresenceStatus.ONLINE, 1, UserPrivacy.EVERYONE), T0);
        assertThat(watch(open, "gus").get(0).getPayload()).contains("\"occupancy\":2", "\"userId\":\"zed\"");
    }

    @Test
    void aMemberWatchingIsNotAnsweredWithTheFrameForAnyoneElse() {
        WatchedChannel open = openChannel(snapshot("pia", PresenceStatus.INVISIBLE, 3, UserPrivacy.EVERYONE),
                snapshot("amy", PresenceStatus.ONLINE, 2, UserPrivacy.EVERYONE));
        List<TextMessage> cal = watch(open, "cal");
        List<TextMessage> pia = watch(open, "pia");

        assertThat(cal.get(0).getPayload()).contains("\"userId\":\"amy\"").doesNotContain("\"userId\":\"pia\"");
        assertThat(pia.get(0).getPayload()).as("invisible, to herself").contains("\"userId\":\"pia\"", "\"status\":\"invisible\"");
    }

    /** A loaded channel of these members, each on a phone. */
    private static WatchedChannel openChannel(PresenceSnapshot... members) {
        WatchedChannel open = new WatchedChannel("open");
        Map<String, List<String>> devices = new TreeMap<>();
        Map<String, PresenceSnapshot> read = new TreeMap<>();
        for (PresenceSnapshot member : members) {
            devices.put(member.userId(), List.of("phone"));
            read.put(member.userId(), member);
        }
        open.listed(devices);
        open.presenceRead(read);
        open.openAfterLoad();
        return open;
    }

    private List<TextMessage> watch(String userId) {
        return watch(channel, userId);
    }

    /** A socket of {@code userId} that watches {@code watched}; the frames it is sent. */
    private List<TextMessage> watch(WatchedChannel watched, String userId) {
        List<TextMessage> sent = new CopyOnWriteArrayList<>();
        WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "getId" -> userId;
                    case "sendMessage" -> {
                        sent.add((TextMessage) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        watched.addWatcher(new SocketConnection(session, Runnable::run, meters, Caller.self(userId), null), 500);
        return sent;
    }

    private static PresenceSnapshot snapshot(String userId, PresenceStatus status, long version, UserPrivacy privacy) {
        UserPresence row = new UserPresence(status, null, Map.of("phone", new DeviceState(status, T0)),
                T0, T0.plusSeconds(version), version, ChangeReason.UPDATE, T0, T0, version, privacy);
        return new PresenceSnapshot(userId, row, Map.of());
    }
}
