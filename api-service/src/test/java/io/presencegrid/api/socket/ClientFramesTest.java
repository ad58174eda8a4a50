package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.schema.PresenceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A socket's frames are read into what the handler acts on, and held to the REST requests' rules. */
class ClientFramesTest {

    @Test
    void everyFrameAClientMaySendIsRead() {
        assertThat(ClientFrames.parse("{\"type\":\"ping\"}")).isEqualTo(new ClientFrame.Ping());
        assertThat(ClientFrames.parse("{\"type\":\"subscribe\",\"userIds\":[\"amy\",\"bo\"]}"))
                .isEqualTo(new ClientFrame.Subscribe(List.of("amy", "bo")));
        assertThat(ClientFrames.parse("{\"type\":\"unsubscribe\",\"userIds\":[\"amy\"]}")).isEqualTo(new ClientFrame.Unsubscribe(List.of("amy")));
        assertThat(ClientFrames.parse("{\"type\":\"status\",\"status\":\"busy\",\"message\":\"call\",\"meta\":{\"b\":1,\"a\":true}}"))
                .isEqualTo(new ClientFrame.Status(PresenceStatus.BUSY, "call", "{\"a\":true,\"b\":1}"));
        assertThat(ClientFrames.parse("{\"type\":\"status\",\"status\":\"away\"}")).isEqualTo(new ClientFrame.Status(PresenceStatus.AWAY, null, null));
        assertThat(ClientFrames.parse("{\"type\":\"join\",\"channel\":\"room-1\"}")).isEqualTo(new ClientFrame.Join("room-1"));
        assertThat(ClientFrames.parse("{\"type\":\"leave\",\"channel\":\"room-1\"}")).isEqualTo(new ClientFrame.Leave("room-1"));
        assertThat(ClientFrames.parse("{\"type\":\"watch\",\"channel\":\"room-1\"}")).isEqualTo(new ClientFrame.Watch("room-1"));
        assertThat(ClientFrames.parse("{\"type\":\"unwatch\",\"channel\":\"room-1\"}")).isEqualTo(new ClientFrame.Unwatch("room-1"));
    }

    @Test
    void onlyAPingIsFreeOfTheRateBudget() {
        assertThat(new ClientFrame.Ping().writes()).isFalse();
        assertThat(new ClientFrame.Watch("room-1").writes()).isTrue();
        assertThat(new ClientFrame.Status(PresenceStatus.ONLINE, null, null).writes()).isTrue();
    }

    @Test
    void aBrokenFrameNamesWhatIsWrong() {
        assertProblem("not json", "frame: malformed JSON");
        assertProblem("{\"type\":\"dance\"}", "type: must be one of subscribe, unsubscribe, status, ping, join, leave, watch, unwatch");
        assertProblem("{\"type\":\"status\",\"status\":\"idle\"}", "status: must be one of online, away, busy, invisible, offline");
        assertProblem("{\"type\":\"status\",\"status\":7}", "status:");
        assertProblem("{\"type\":\"status\",\"status\":\"busy\",\"message\":\"" + "x".repeat(141) + "\"}", "message: at most 140 characters");
        assertProblem("{\"type\":\"subscribe\",\"userIds\":[]}", "userIds: must be a list of 1 to 1000 user ids");
        assertProblem("{\"type\":\"subscribe\",\"userIds\":[\"no spaces\"]}", "userIds: must match");
        assertProblem("{\"type\":\"watch\",\"channel\":42}", "channel: must match");
        assertProblem("{\"type\":\"status\",\"status\":\"busy\",\"meta\":[1]}", "meta:");
    }

    private static void assertProblem(String text, String message) {
        assertThatThrownBy(() -> ClientFrames.parse(text)).as(text).isInstanceOf(InvalidFieldException.class).hasMessageStartingWith(message);
    }
}
