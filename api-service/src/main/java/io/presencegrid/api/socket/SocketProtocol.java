package io.presencegrid.api.socket;

import java.util.List;
import org.springframework.web.socket.CloseStatus;

/**
 * The vocabulary of /v1/ws in one place: the frame types each side sends, the error codes, the close
 * codes. The handler and {@link SocketFrames} speak only these, and the published AsyncAPI document
 * ({@code static/asyncapi.json}) is checked against them, so a frame the server learns is a frame the
 * document must describe.
 */
final class SocketProtocol {

    static final String SUBSCRIBE = "subscribe";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String STATUS = "status";
    static final String PING = "ping";
    /** Device sockets: the device joins or leaves a channel. Silent when done; refused with an error frame. */
    static final String JOIN = "join";
    static final String LEAVE = "leave";
    /** Any socket: a channel's members, then their joins, leaves and presence changes; or no more of them. */
    static final String WATCH = "watch";
    static final String UNWATCH = "unwatch";
    /** What clients may send, in the order the handler's error message lists them. */
    static final List<String> CLIENT_FRAMES = List.of(SUBSCRIBE, UNSUBSCRIBE, STATUS, PING, JOIN, LEAVE, WATCH, UNWATCH);

    static final String SNAPSHOT = "snapshot";
    static final String PRESENCE = "presence";
    static final String PONG = "pong";
    static final String ERROR = "error";
    /** After a watch: the channel's occupancy and first members. */
    static final String MEMBERS = "members";
    /** A watched channel's member joined, left, or changed presence. */
    static final String MEMBER = "member";
    static final List<String> SERVER_FRAMES = List.of(SNAPSHOT, PRESENCE, PONG, ERROR, MEMBERS, MEMBER);

    /** The frame was no JSON, of no known type, or broke a field's rule: the message names the field. */
    static final String BAD_FRAME = "bad_frame";
    /** Over the caller's rate limit, which REST requests share; the message says when to retry. */
    static final String RATE_LIMITED = "rate_limited";
    /** The grid could not do it (a node failing over): the same frame may be sent again. */
    static final String FAILED = "failed";
    /**
     * Well formed, but the state refuses it: a join of a device offline, in 100 channels, or of a full
     * channel; a watch of a 101st channel on one socket.
     */
    static final String CONFLICT = "conflict";
    static final List<String> ERROR_CODES = List.of(BAD_FRAME, RATE_LIMITED, FAILED, CONFLICT);

    /** 1001: this API node is stopping; reconnect, to another node. */
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;
    /** 1003: a binary frame; the protocol is JSON text. */
    static final CloseStatus NOT_TEXT = CloseStatus.NOT_ACCEPTABLE;
    /** 1008: an invalid {@code device} parameter, or one socket over the per-user limit. */
    static final CloseStatus REFUSED = CloseStatus.POLICY_VIOLATION;
    /** 1009: a frame over {@link WebSocketConfiguration#MAX_FRAME_BYTES}. */
    static final CloseStatus FRAME_TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS;
    /** 1012: this API node lost the grid; reconnect, to this node or another. */
    static final CloseStatus GRID_LOST = CloseStatus.SERVICE_RESTARTED;
    /** 1013: the client read its frames too slowly and its outbound queue filled. */
    static final CloseStatus TOO_SLOW = CloseStatus.SERVICE_OVERLOAD;
    static final List<CloseStatus> CLOSE_STATUSES = List.of(GOING_AWAY, NOT_TEXT, REFUSED, FRAME_TOO_BIG, GRID_LOST, TOO_SLOW);

    private SocketProtocol() {
    }
}
