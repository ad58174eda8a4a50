package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** A socket's per-user bookkeeping: held while it follows someone, not before, not after. */
class SocketConnectionTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final SocketConnection socket = new SocketConnection(session(), Runnable::run,
            new SocketMeters(new SimpleMeterRegistry()), new Caller("fan", false), null);

    @Test
    void aSocketThatFollowsNobodyHoldsNoPerUserState() {
        socket.awaitSnapshot(List.of());
        socket.completeSnapshot(List.of());
        socket.deliver(new PresenceChange("stranger", null, null));

        assertThat(socket.holdsFollowState()).isFalse();
        assertThat(socket.followed()).isEmpty();
        assertThat(sent).singleElement().satisfies(frame -> assertThat(frame).contains("\"snapshot\"", "\"presence\":[]"));
    }

    @Test
    void followingHoldsStateAndForgettingTheLastUserReleasesIt() {
        socket.awaitSnapshot(List.of("star", "other"));
        assertThat(socket.holdsFollowState()).isTrue();
        assertThat(socket.follows("star")).isTrue();

        socket.completeSnapshot(List.of(offline("star"), offline("other")));
        assertThat(socket.followed()).containsExactlyInAnyOrder("star", "other");

        socket.forget("star");
        assertThat(socket.holdsFollowState()).isTrue();
        socket.forget("other");

        assertThat(socket.holdsFollowState()).isFalse();
        assertThat(socket.follows("star")).isFalse();
    }

    @Test
    void forgettingAUserWhoseSnapshotIsPendingReleasesItToo() {
        socket.awaitSnapshot(List.of("star"));

        socket.forget("star");

        assertThat(socket.holdsFollowState()).isFalse();
    }

    @Test
    void aFrameIsAssembledFromItsParts() {
        assertThat(socket.assemble("{\"type\":", false)).isNull();
        assertThat(socket.assemble("\"ping\"}", true)).isEqualTo("{\"type\":\"ping\"}");
        assertThat(socket.assemble("{}", true)).isEqualTo("{}");
    }

    private static PresenceView offline(String userId) {
        return new PresenceView(userId, "offline", null, List.of(), null, null, 0);
    }

    private WebSocketSession session() {
        return OpenSessions.answering((method, args) -> {
            if (!method.equals("sendMessage")) {
                throw new UnsupportedOperationException(method);
            }
            sent.add(((TextMessage) args[0]).getPayload());
            return null;
        });
    }
}
