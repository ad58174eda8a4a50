package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.tasks.presence.HeldSessions;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One big channel and its watchers on real WebSockets: {@code members} users in the channel, each on a
 * device socket of its own, and {@code watchers} sockets watching it. Measured: how long a watch takes to answer (the API node's first
 * watcher reads the whole channel; the others are served from what it holds), then the latency of
 * member events while members change status at a fixed rate (each change is an {@code updated} frame to
 * every watcher), and of leaves and joins of members going and coming back. Each member changes at most
 * once per {@code members / rate} seconds, so an event is never taken for the one before; the run must
 * change fewer than {@code members - 50} of them, the last 50 being the ones that leave and come back.
 */
final class ChannelWatchLatency {

    private static final String CHANNEL = "bench-room";
    private static final int CHURN_USERS = 50;
    /**
     * The watchers are read on clients of their own, this many, apart from the members' thousands of
     * device sockets: on one client they all waited for one selector thread, and what was measured was
     * partly the bench's own queue.
     */
    private static final int WATCHER_CLIENTS = 4;

    /**
     * @param firstWatchMillis the API node's first watcher: the channel read, followed and loaded
     * @param watchMillis      every later watcher's answer, served from memory
     * @param updatedUntilWrite the updated events until the API node sent the row's write (the member's frame,
     *                          and what the API did before that write; see {@link GridWriteSplit}), and
     * @param updatedAfterWrite after it (the write, the continuous query, the fan-out to the watchers, this client)
     */
    record Result(int members, int watchers, double setupSeconds, double firstWatchMillis, Histogram watchMillis,
                  Histogram updated, Histogram updatedUntilWrite, Histogram updatedAfterWrite, long updatedExpected, long updatedReceived,
                  Histogram joinedOrLeft, long joinedOrLeftExpected, long joinedOrLeftReceived, OpenLoop.Outcome changes,
                  CpuCost cpu, double refreshesPerSecond) {
    }

    private final ApiClient api;
    /**
     * Joins and leaves. Not the JDK client: the churn comes after a minute of socket traffic only, when
     * the API (keep-alive timeout 60 s) closes the connections the joins used, and a POST the JDK client
     * sent on one of them as it closed failed the run ("header parser received no bytes").
     */
    private final BlockingHttp rest;
    private final PresenceTokens signer;
    private final int members;
    private final int watchers;
    private final CpuMeter cpu;
    private final ApiNodeProbe apiNode;
    private final int ttlSeconds;

    /**
     * @param rest       the HTTP client for joins and leaves
     * @param cpu        the grid nodes, the API and this client: where the machine's cores went in the timed window
     * @param apiNode    the API's own count of the device sessions it refreshed: the members' sockets, each
     *                   refreshed every third of a held session's TTL (HeldSessions), once most of the tail
     * @param ttlSeconds the session TTL the grid runs with, which sets how often each member's session is refreshed
     */
    ChannelWatchLatency(ApiClient api, BlockingHttp rest, PresenceTokens signer, int members, int watchers, CpuMeter cpu,
                        ApiNodeProbe apiNode, int ttlSeconds) {
        this.api = api;
        this.rest = rest;
        this.signer = signer;
        this.members = members;
        this.watchers = watchers;
        this.cpu = cpu;
        this.apiNode = apiNode;
        this.ttlSeconds = ttlSeconds;
    }

    Result run(double changesPerSecond, double warmUpSeconds, double seconds, int connections) throws Exception {
        String[] memberIds = ids("chm-%05d", members);
        String[] memberTokens = tokens(memberIds);
        long setupStarted = System.nanoTime();
        // Members are in the room as room members are: a device socket each, which keeps the device online
        // (the bench's TTL is 20 s) and says its status changes.
        WebSocket[] memberSockets = new WebSocket[members];
        paced(members, m -> openDevice(memberIds[m], memberTokens[m])
                .thenApply(socket -> memberSockets[m] = socket)
                .thenCompose(socket -> channel("join", memberTokens[m], memberIds[m])));
        double setupSeconds = (System.nanoTime() - setupStarted) / 1e9;

        Map<String, Due> dueAt = new ConcurrentHashMap<>();
        Recorder updated = Latencies.recorder();
        GridWriteSplit updatedSplit = new GridWriteSplit();
        Recorder joinedOrLeft = Latencies.recorder();
        // Apart, and with each REST call's own answer: which of the two, and which side of the grid, makes the tail.
        Map<String, Recorder> churnEvents = Map.of("left", Latencies.recorder(), "joined", Latencies.recorder());
        Map<String, Recorder> churnAnswers = Map.of("leave", Latencies.recorder(), "join", Latencies.recorder());
        Recorder watchAnswers = Latencies.recorder();
        AtomicLong updatedReceived = new AtomicLong();
        AtomicLong joinedOrLeftReceived = new AtomicLong();
        // The slowest event of each second of the timed window: a tail that comes in bursts shows here.
        AtomicLongArray slowestBySecond = new AtomicLongArray((int) Math.ceil(seconds) + 1);
        long[] timedFrom = {Long.MAX_VALUE};
        List<WebSocket> sockets = new ArrayList<>();
        long[] watchSent = new long[watchers];
        long[] firstWatch = {0};
        CountDownLatch answered = new CountDownLatch(watchers);
        List<HttpClient> watcherClients = new ArrayList<>();
        for (int c = 0; c < WATCHER_CLIENTS; c++) {
            watcherClients.add(ApiClient.loadClient("bench-watchers-" + c, 1));
        }
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            WebSocket socket = TextFrames.open(watcherClients.get(w % WATCHER_CLIENTS), SocketUri.observer(api.base(), signer.user(String.format("chw-%03d", w))), frame -> {
                String[] member = Frames.member(frame);
                if (member != null) {
                    Due due = dueAt.get(member[0] + "/" + member[1]);
                    if (due != null) {
                        long latency = System.nanoTime() - due.nanos();
                        if (member[1].equals("updated")) {
                            int second = (int) ((System.nanoTime() - timedFrom[0]) / 1_000_000_000L);
                            if (second >= 0 && second < slowestBySecond.length()) {
                                slowestBySecond.accumulateAndGet(second, latency, Math::max);
                            }
                            updated.recordValue(latency);
                            updatedSplit.record(due, Frames.at(frame));
                            updatedReceived.incrementAndGet();
                        } else {
                            joinedOrLeft.recordValue(latency);
                            churnEvents.get(member[1]).recordValue(latency);
                            joinedOrLeftReceived.incrementAndGet();
                        }
                    }
                } else if ("members".equals(Frames.type(frame))) {
                    long took = System.nanoTime() - watchSent[watcher];
                    if (watcher == 0) {
                        firstWatch[0] = took;
                    } else {
                        watchAnswers.recordValue(took);
                    }
                    answered.countDown();
                }
            }).get(30, TimeUnit.SECONDS);
            sockets.add(socket);
        }
        // The first watch alone: it is the one that reads the channel.
        watch(sockets, watchSent, 0);
        long firstDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (answered.getCount() == watchers && System.nanoTime() < firstDeadline) {
            Thread.sleep(5);
        }
        for (int w = 1; w < watchers; w++) {
            watch(sockets, watchSent, w);
        }
        if (!answered.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(answered.getCount() + " watchers got no members frame");
        }

        // The leaves and joins warmed up as the changes are: the first runs of their paths (the REST leave, a
        // watched channel's announcements) were what the timed ones measured, one cold call each time.
        churn(members, memberIds, memberTokens, null, null);
        AtomicLong sent = new AtomicLong();
        OpenLoop.run(changesPerSecond, warmUpSeconds, connections, n -> change(memberIds, memberSockets, sent.getAndIncrement(), null));
        timedFrom[0] = System.nanoTime();
        // The wall clock too, to lay the seconds beside the nodes' logs (checkpoints, GC pauses).
        LocalTime timedFromWall = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        CpuMeter.Window window = cpu.start();
        ApiNodeProbe.RefreshReading refreshesAtStart = apiNode.refreshes();
        OpenLoop.Outcome changes = OpenLoop.run(changesPerSecond, seconds, connections,
                n -> change(memberIds, memberSockets, sent.getAndIncrement(), dueAt));
        CpuCost used = window.stop(changes.sent());
        double refreshesPerSecond = apiNode.refreshes().sessionsPerSecondSince(refreshesAtStart, used.windowSeconds());
        long updatedExpected = (changes.sent() - changes.failed()) * watchers;

        long churned = churn(members, memberIds, memberTokens, dueAt, churnAnswers);
        long joinedOrLeftExpected = churned * watchers;
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((updatedReceived.get() < updatedExpected || joinedOrLeftReceived.get() < joinedOrLeftExpected)
                && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        for (WebSocket member : memberSockets) {
            member.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        // The members' devices go after the disconnect grace (5 s), all at once, with their memberships:
        // that wave is over before the next phase measures anything.
        Thread.sleep(TimeUnit.SECONDS.toMillis(15));
        System.out.printf("  channel: left %s, joined %s; the REST calls answered: leave %s, join %s%n",
                Latencies.of(churnEvents.get("left").getIntervalHistogram()).summary(),
                Latencies.of(churnEvents.get("joined").getIntervalHistogram()).summary(),
                Latencies.of(churnAnswers.get("leave").getIntervalHistogram()).summary(),
                Latencies.of(churnAnswers.get("join").getIntervalHistogram()).summary());
        Result result = new Result(members, watchers, setupSeconds, firstWatch[0] / 1e6, watchAnswers.getIntervalHistogram(),
                updated.getIntervalHistogram(), updatedSplit.untilWrite(), updatedSplit.afterWrite(), updatedExpected, updatedReceived.get(),
                joinedOrLeft.getIntervalHistogram(), joinedOrLeftExpected, joinedOrLeftReceived.get(), changes, used,
                refreshesPerSecond);
        System.out.printf("  channel: %d members, %d watchers (set up in %.0f s); first watch %.0f ms, the others %s%n",
                members, watchers, setupSeconds, result.firstWatchMillis(), Latencies.of(result.watchMillis()).summary());
        StringBuilder slowest = new StringBuilder();
        for (int second = 0; second < slowestBySecond.length(); second++) {
            slowest.append(' ').append(slowestBySecond.get(second) / 1_000_000);
        }
        System.out.printf("  channel: the slowest updated event of each second from %s UTC (ms):%s%n", timedFromWall, slowest);
        System.out.printf("  channel: cores busy in the timed window %s%n", used.coresSummary());
        System.out.printf("  channel: the API refreshed %.0f device sessions/s in the timed window (the members' sockets, each"
                + " every third of %d x the TTL of %d s; the API node's lease keeps them alive)%n", refreshesPerSecond,
                HeldSessions.TTL_FACTOR, ttlSeconds);
        System.out.printf("  channel: %.0f changes/s: updated %s, %d of %d; joined/left %s, %d of %d%n", changesPerSecond,
                Latencies.of(result.updated()).summary(), result.updatedReceived(), result.updatedExpected(),
                Latencies.of(result.joinedOrLeft()).summary(), result.joinedOrLeftReceived(), result.joinedOrLeftExpected());
        return result;
    }

    private static void watch(List<WebSocket> sockets, long[] watchSent, int w) {
        watchSent[w] = System.nanoTime();
        sockets.get(w).sendText("{\"type\":\"watch\",\"channel\":\"" + CHANNEL + "\"}", true);
    }

    /** The n-th change: members in turn, each flipping between busy and away once a round, as its device says. */
    private CompletableFuture<Integer> change(String[] memberIds, WebSocket[] memberSockets, long n, Map<String, Due> dueAt) {
        int m = (int) (n % members);
        if (dueAt != null) {
            dueAt.put(memberIds[m] + "/updated", Due.now());
        }
        String status = (n / members) % 2 == 0 ? "busy" : "away";
        return memberSockets[m].sendText("{\"type\":\"status\",\"status\":\"" + status + "\"}", true).thenApply(sent -> 200);
    }

    /** A member's device socket, once its snapshot came: by then the API has its device online. */
    private CompletableFuture<WebSocket> openDevice(String userId, String token) {
        CompletableFuture<Void> snapshot = new CompletableFuture<>();
        CompletableFuture<WebSocket> handshake = TextFrames.open(api.http(), SocketUri.device(api.base(), token, "phone"), frame -> {
            if ("snapshot".equals(Frames.type(frame))) {
                snapshot.complete(null);
            }
        }, code -> snapshot.completeExceptionally(new IllegalStateException(userId + "'s device socket closed before its snapshot")));
        return handshake.thenCombine(snapshot, (socket, ignored) -> socket).orTimeout(60, TimeUnit.SECONDS);
    }

    /**
     * The last members (whom no change reaches) leave and join again, one at a time, each event owed to
     * every watcher: the channel never holds more than it was set up with. Timed when {@code dueAt} is
     * given; returns how many calls the API took.
     */
    private long churn(int members, String[] memberIds, String[] memberTokens, Map<String, Due> dueAt,
                       Map<String, Recorder> answers) throws Exception {
        long churned = 0;
        for (String action : List.of("leave", "join")) {
            for (int m = members - CHURN_USERS; m < members; m++) {
                Due called = Due.now();
                if (dueAt != null) {
                    dueAt.put(memberIds[m] + "/" + (action.equals("join") ? "joined" : "left"), called);
                }
                if (channel(action, memberTokens[m], memberIds[m]).get(30, TimeUnit.SECONDS) == 200) {
                    if (answers != null) {
                        answers.get(action).recordValue(System.nanoTime() - called.nanos());
                    }
                    churned++;
                }
                Thread.sleep(20);
            }
        }
        return churned;
    }

    /** {@code POST /v1/channels/{channel}/join} (or {@code leave}) for the user's phone; completes with the status. */
    private CompletableFuture<Integer> channel(String action, String token, String userId) {
        return rest.postAsync("/v1/channels/" + CHANNEL + "/" + action, token, "{\"userId\":\"" + userId + "\",\"device\":\"phone\"}");
    }

    /** Runs {@code count} requests, 64 in flight at most; each must answer 200. */
    private static void paced(int count, IntFunction<CompletableFuture<Integer>> request) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            all.add(request.apply(i).whenComplete((status, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long refused = all.stream().filter(answer -> answer.join() != 200).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " of " + count + " set-up requests were not answered 200");
        }
    }

    private static String[] ids(String format, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = String.format(format, i);
        }
        return ids;
    }

    private String[] tokens(String[] userIds) {
        String[] tokens = new String[userIds.length];
        for (int i = 0; i < userIds.length; i++) {
            tokens[i] = signer.user(userIds[i]);
        }
        return tokens;
    }
}
