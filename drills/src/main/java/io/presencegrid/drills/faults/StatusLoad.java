package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Continuous status updates: one thread per user, each update a change of status (online, away,
 * busy in turn), at a steady pace under the per-user rate limit, every answer logged.
 */
final class StatusLoad implements AutoCloseable {

    private static final String[] STATUSES = {"online", "away", "busy"};

    private final ApiClient api;
    private final Map<String, String> tokens;
    private final AcknowledgedUpdates log = new AcknowledgedUpdates();
    private final List<Thread> workers = new ArrayList<>();
    private final long pauseMillis;
    private final AtomicLong slowest = new AtomicLong();
    private volatile boolean running = true;

    StatusLoad(ApiClient api, PresenceTokens tokens, List<String> userIds, double updatesPerUserPerSecond) {
        this.api = api;
        this.tokens = userIds.stream().collect(java.util.stream.Collectors.toMap(id -> id, tokens::user));
        this.pauseMillis = (long) (1000 / updatesPerUserPerSecond);
        IntStream.range(0, userIds.size()).forEach(i -> {
            Thread worker = new Thread(() -> run(userIds.get(i), i), "status-load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        });
    }

    static List<String> users(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> "%s-%02d".formatted(prefix, i)).toList();
    }

    void start() {
        workers.forEach(Thread::start);
    }

    private void run(String userId, int offset) {
        for (int round = offset; running; round++) {
            String status = STATUSES[round % STATUSES.length];
            long started = System.nanoTime();
            try {
                ApiAnswer answer = api.update(tokens.get(userId), userId, "phone", status);
                if (answer.status() == 200) {
                    log.acknowledged(userId, status, answer.json().path("version").asLong());
                } else {
                    log.failed(userId);
                    System.err.printf("update %s -> %s: %d %s%n", userId, status, answer.status(), answer.body());
                }
            } catch (Exception e) {
                log.failed(userId);
                System.err.printf("update %s -> %s: %s%n", userId, status, e);
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            slowest.accumulateAndGet(tookMillis, Math::max);
            sleep(Math.max(0, pauseMillis - tookMillis));
        }
    }

    AcknowledgedUpdates log() {
        return log;
    }

    /** The longest any update took to be answered, in milliseconds (retries inside the API included). */
    long slowestMillis() {
        return slowest.get();
    }

    String token(String userId) {
        return tokens.get(userId);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(60_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
