package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Update-to-event latency through the WebSocket fan-out: {@code sockets} observers on one API node
 * all follow {@code targets} users; each of {@code updates} status changes (sent one at a time over
 * REST) must reach every socket. Latency per delivered event is the time from sending the update to
 * the socket receiving its {@code presence} frame, recorded in an HdrHistogram.
 *
 * <p>Usage: {@code SocketFanoutBench [baseUrl] [sockets] [targets] [updates]}; PRESENCE_JWT_SECRET signs
 * the tokens. One machine runs the grid, the API and this client, so the figures include their
 * competition for the same cores.
 */
public final class SocketFanoutBench {

    private static volatile long sentAt;
    private static volatile String currentTarget;
    private static volatile CountDownLatch delivered = new CountDownLatch(0);

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int targets = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int updates = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String secret = System.getenv("PRESENCE_JWT_SECRET");
        Recorder latencies = new Recorder(3);
        AtomicLong missed = new AtomicLong();
        PresenceTokens signer = new PresenceTokens(secret);
        ApiClient api = new ApiClient(baseUrl);

        StringBuilder followed = new StringBuilder();
        for (int t = 0; t < targets; t++) {
            followed.append(t == 0 ? "" : ",").append("\"fanout-target-").append(t).append('"');
        }
        List<WebSocket> open = new ArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(sockets);
        for (int i = 0; i < sockets; i++) {
            int[] snapshots = {0};
            WebSocket socket = TextFrames.open(api.http(), SocketUri.observer(baseUrl, signer.user("fanout-observer-" + i)), frame -> {
                if ("snapshot".equals(Frames.type(frame)) && ++snapshots[0] == 2) {
                    subscribed.countDown();
                } else if (currentTarget != null && currentTarget.equals(Frames.presenceUser(frame))) {
                    latencies.recordValue(System.nanoTime() - sentAt);
                    delivered.countDown();
                }
            }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"subscribe\",\"userIds\":[" + followed + "]}", true);
            open.add(socket);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            System.err.println("not every socket got its snapshot within 60 s");
        }
        latencies.getIntervalHistogram();

        String[] targetTokens = new String[targets];
        for (int t = 0; t < targets; t++) {
            targetTokens[t] = signer.user("fanout-target-" + t);
        }
        for (int u = 0; u < updates; u++) {
            int t = u % targets;
            String status = (u / targets) % 2 == 0 ? "busy" : "away";
            delivered = new CountDownLatch(sockets);
            currentTarget = "fanout-target-" + t;
            sentAt = System.nanoTime();
            int answered = api.update(targetTokens[t], "fanout-target-" + t, "bench", status).status();
            if (answered != 200 || !delivered.await(10, TimeUnit.SECONDS)) {
                missed.addAndGet(delivered.getCount());
            }
        }
        var histogram = latencies.getIntervalHistogram();
        System.out.printf("fan-out: %d sockets x %d updates (%d targets), %d events recorded, %d missed%n",
                sockets, updates, targets, histogram.getTotalCount(), missed.get());
        System.out.printf("update-to-event ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6,
                histogram.getMaxValue() / 1e6);
        open.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        System.exit(missed.get() == 0 ? 0 : 1);
    }
}
