package io.presencegrid.api.socket;

import java.lang.reflect.Proxy;
import org.springframework.web.socket.WebSocketSession;

/** WebSocket sessions for unit tests: open, with an id, and the rest answered as the test says. */
final class OpenSessions {

    /** What a session does for the methods a test cares about; it throws for the others. */
    @FunctionalInterface
    interface Answers {
        Object answer(String method, Object[] args) throws Exception;
    }

    private OpenSessions() {
    }

    static WebSocketSession answering(Answers answers) {
        return (WebSocketSession) Proxy.newProxyInstance(OpenSessions.class.getClassLoader(), new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "getId" -> "s1";
                    default -> answers.answer(method.getName(), args);
                });
    }
}
