package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * Many device sockets ({@code /v1/ws?device=phone}, one per user) and the observer sockets that follow
 * their users, opened and closed the way the phases that hold them need: a bounded number opening at
 * once, each counted open at its first snapshot frame (the API sends it at the end of its own opening
 * work, the session's first write among it), and closing finished only when the API has let go.
 */
final class DeviceSockets {

    /** The most users one subscriber may follow. */
    static final int FOLLOWS_PER_OBSERVER = 1_000;
    static final int STATE_OPEN = 1;
    static final int STATE_FAILED = 2;
    static final int STATE_CLOSED = 3;
    private static final int OPENING_AT_ONCE = 64;

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final ApiNodeProbe apiNode;
    private final HttpClient http;
    private final String[] userIds;
    private final AtomicIntegerArray states;
    private final WebSocket[] sockets;
    private final List<WebSocket> observers = new ArrayList<>();

    DeviceSockets(ApiClient api, PresenceTokens tokens, ApiNodeProbe apiNode, HttpClient http, String[] userIds) {
        this.api = api;
        this.tokens = tokens;
        this.apiNode = apiNode;
        this.http = http;
        this.userIds = userIds.clone();
        this.states = new AtomicIntegerArray(userIds.length);
        this.sockets = new WebSocket[userIds.length];
    }

    /**
     * Enough observers to follow every user, each subscribed (its second snapshot received) before this
     * returns; {@code events} gets every event frame after that, on the client's I/O thread. A subscribe
     * the API answers with an error frame ("could not handle the frame, retry": a grid call timed out,
     * as it can while the grid checkpoints the memory phase's million users) is sent again, as a client
     * would; how many were is printed, since it says the grid was slow to take them.
     */
    void openObservers(String observerPrefix, Consumer<String> events) throws Exception {
        int count = (userIds.length + FOLLOWS_PER_OBSERVER - 1) / FOLLOWS_PER_OBSERVER;
        CountDownLatch subscribed = new CountDownLatch(count);
        AtomicIntegerArray refused = new AtomicIntegerArray(count);
        List<String> subscribeFrames = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            int observerIndex = o;
            int[] snapshots = {0};
            WebSocket observer = TextFrames.open(http, SocketUri.observer(api.base(), tokens.user(observerPrefix + o)), frame -> {
                String type = Frames.type(frame);
                if ("snapshot".equals(type)) {
                    if (++snapshots[0] == 2) {
                        subscribed.countDown();
                    }
                } else if ("error".equals(type)) {
                    refused.incrementAndGet(observerIndex);
                } else {
                    events.accept(frame);
                }
            }).get(30, TimeUnit.SECONDS);
            int from = o * FOLLOWS_PER_OBSERVER;
            int to = Math.min(userIds.length, from + FOLLOWS_PER_OBSERVER);
            subscribeFrames.add("{\"type\":\"subscribe\",\"userIds\":[\"" + String.join("\",\"", List.of(userIds).subList(from, to)) + "\"]}");
            observer.sendText(subscribeFrames.get(o), true);
            observers.add(observer);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int sentAgain = 0;
        while (!subscribed.await(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(subscribed.getCount() + " observers got no snapshot after subscribing ("
                        + sentAgain + " subscribes sent again after an error frame)");
            }
            for (int o = 0; o < count; o++) {
                if (refused.getAndSet(o, 0) > 0) {
                    observers.get(o).sendText(subscribeFrames.get(o), true).join();
                    sentAgain++;
                }
            }
        }
        if (sentAgain > 0) {
            System.out.println("  observers: " + sentAgain + " subscribe frames answered with an error frame and sent again");
        }
    }

    /** Opens one device socket per user, at most {@link #OPENING_AT_ONCE} opening at a time. */
    void openDevices() throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        for (int u = 0; u < userIds.length; u++) {
            opening.acquire();
            int user = u;
            CompletableFuture<Void> snapshot = new CompletableFuture<>();
            CompletableFuture<WebSocket> handshake = TextFrames.open(http, SocketUri.device(api.base(), tokens.user(userIds[u]), "phone"), frame -> {
                if ("snapshot".equals(Frames.type(frame))) {
                    snapshot.complete(null);
                }
            }, code -> {
                states.compareAndSet(user, STATE_OPEN, STATE_CLOSED);
                snapshot.completeExceptionally(new IllegalStateException("closed before its snapshot"));
            });
            handshake.thenCombine(snapshot, (socket, ignored) -> socket).orTimeout(60, TimeUnit.SECONDS).whenComplete((socket, error) -> {
                sockets[user] = error == null ? socket : handshake.getNow(null);
                states.compareAndSet(user, 0, error == null ? STATE_OPEN : STATE_FAILED);
                opening.release();
            });
        }
        if (!opening.tryAcquire(OPENING_AT_ONCE, 2, TimeUnit.MINUTES)) {
            System.out.println("  device sockets: some still opening after 2 minutes");
        }
    }

    /** The device socket of user number {@code user}, or null if it never opened. */
    WebSocket device(int user) {
        return sockets[user];
    }

    boolean isOpen(int user) {
        return states.get(user) == STATE_OPEN;
    }

    /** Users whose device socket is in {@code state}. */
    List<String> usersIn(int state) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < userIds.length; u++) {
            if (states.get(u) == state) {
                users.add(userIds[u]);
            }
        }
        return users;
    }

    /** Aborts every socket and waits until the API has let go of them: their session ends cost grid writes. */
    void closeAll() throws Exception {
        long closing = System.nanoTime();
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
        observers.forEach(WebSocket::abort);
        double left = apiNode.awaitOpenSocketsAtMost(0, 180);
        System.out.printf("  device sockets: closed; the API had %s still open after %.0f s%n", ApiNodeProbe.describe(left),
                (System.nanoTime() - closing) / 1e9);
    }
}
