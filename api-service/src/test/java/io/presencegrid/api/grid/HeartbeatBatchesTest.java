package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.BatchedRefresh;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.presence.SessionRefreshed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HeartbeatBatchesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newFixedThreadPool(12);
    /** Every batch the fake grid was sent, in order. */
    private final List<List<PresenceUpdate>> sent = new CopyOnWriteArrayList<>();
    /** The activity each refresh of every batch carried, by user: null where the primary's clock decides. */
    private final Map<String, Optional<Instant>> activities = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    /** The thread that sent each batch, in order. */
    private final List<Thread> senders = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HeartbeatBatches batches;

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
        if (batches != null) {
            batches.close();
        }
    }

    /** A grid that answers each session with a time unique to the call and the session's place in it. */
    private Map<DeviceSessionKey, SessionRefreshed> answer(List<PresenceUpdate> batch) {
        sent.add(batch);
        senders.add(Thread.currentThread());
        int call = calls.incrementAndGet();
        Map<DeviceSessionKey, SessionRefreshed> answers = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PresenceUpdate heartbeat = batch.get(i);
            answers.put(PresenceWrites.sessionKey(heartbeat), new SessionRefreshed(null, heartbeat.status(), stamp(call, i),
                    heartbeat.status() == PresenceStatus.BUSY, true));
        }
        return answers;
    }

    private static Instant stamp(int call, int position) {
        return Instant.ofEpochSecond(1_000L * call + position);
    }

    private static PresenceUpdate heartbeat(String user, PresenceStatus status) {
        return new PresenceUpdate(user, "phone", status, null, ChangeReason.UPDATE);
    }

    private HeartbeatBatches start(Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> grid) {
        return start(grid, 10_000, Duration.ZERO);
    }

    private HeartbeatBatches start(Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> grid,
                                   long answerTimeoutMillis, Duration linger) {
        batches = new HeartbeatBatches(refreshes -> {
            refreshes.forEach(refresh -> activities.put(refresh.update().userId(), Optional.ofNullable(refresh.activity())));
            return grid.apply(refreshes.stream().map(BatchedRefresh::update).toList());
        }, answerTimeoutMillis, linger, meters);
        return batches;
    }

    /**
     * Starts the batches with a grid that holds its first call until {@link #release} counts down, and
     * sends one heartbeat of {@code user} into that call: what is sent meanwhile waits for the next.
     */
    private Future<SessionRefreshed> sendOneAndHoldIt(String user) throws InterruptedException {
        return sendOneAndHoldIt(user, Duration.ZERO);
    }

    private Future<SessionRefreshed> sendOneAndHoldIt(String user, Duration linger) throws InterruptedException {
        CountDownLatch gridHeld = new CountDownLatch(1);
        start(batch -> {
            if (calls.get() == 0) {
                gridHeld.countDown();
                await(release);
            }
            return answer(batch);
        }, 10_000, linger);
        Future<SessionRefreshed> held = callers.submit(() -> batches.refresh(heartbeat(user, PresenceStatus.ONLINE)));
        assertThat(gridHeld.await(10, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    private double batchesRecorded() {
        return meters.get("presence.heartbeat.batch.size").summary().count();
    }

    @Test
    @Timeout(30)
    void aLoneHeartbeatIsSentAloneAndGetsItsAnswer() {
        // A one-minute linger, past the test's limit: a lone heartbeat that lingered at all would fail it.
        start(this::answer, 10_000, Duration.ofMinutes(1));

        SessionRefreshed answer = batches.refresh(heartbeat("ann", PresenceStatus.ONLINE));

        assertThat(answer.refreshedAt()).isEqualTo(stamp(1, 0));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).extracting(PresenceUpdate::userId).containsExactly("ann");
        assertThat(senders).as("sent from the caller's own thread, with no hand-off").containsExactly(Thread.currentThread());
        assertThat(batchesRecorded()).isEqualTo(1);
    }

    @Test
    void heartbeatsArrivingWhileABatchIsOnItsWayGoTogetherInTheNext() throws Exception {
        Future<SessionRefreshed> first = sendOneAndHoldIt("first");
        Map<String, Future<SessionRefreshed>> later = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String user = "later-" + i;
            later.put(user, callers.submit(() -> batches.refresh(heartbeat(user, PresenceStatus.ONLINE))));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.waiting() == 10);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).refreshedAt()).isEqualTo(stamp(1, 0));
        for (Future<SessionRefreshed> caller : later.values()) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertThat(sent).hasSize(2);
        List<PresenceUpdate> second = sent.get(1);
        assertThat(second).extracting(PresenceUpdate::userId).containsExactlyInAnyOrderElementsOf(later.keySet());
        for (Map.Entry<String, Future<SessionRefreshed>> caller : later.entrySet()) {
            int position = second.stream().map(PresenceUpdate::userId).toList().indexOf(caller.getKey());
            assertThat(caller.getValue().get(10, TimeUnit.SECONDS).refreshedAt())
                    .as("the answer to %s's own refresh", caller.getKey()).isEqualTo(stamp(2, position));
        }
        assertThat(meters.get("presence.heartbeat.batch.size").summary().max()).isEqualTo(10);
        assertThat(senders.get(1).getName()).as("the batch that queued up goes out from the drain thread")
                .isEqualTo("presence-heartbeat-batches-1");
    }

    @Test
    void aChangesSessionRidesTheNextBatchWithTheChangesOwnStampBesideHeartbeatsStampedByTheGrid() throws Exception {
        Future<SessionRefreshed> first = sendOneAndHoldIt("first");
        Instant changedAt = Instant.parse("2026-12-07T01:30:00.123Z");
        Future<SessionRefreshed> change = callers.submit(() -> batches.refresh(heartbeat("changer", PresenceStatus.BUSY), changedAt));
        Future<SessionRefreshed> heartbeat = callers.submit(() -> batches.refresh(heartbeat("beater", PresenceStatus.ONLINE)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.waiting() == 2);

        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(change.get(10, TimeUnit.SECONDS).status()).isEqualTo(PresenceStatus.BUSY);
        heartbeat.get(10, TimeUnit.SECONDS);
        assertThat(sent).as("the held call, then the change and the heartbeat together").hasSize(2);
        assertThat(sent.get(1)).extracting(PresenceUpdate::userId).containsExactlyInAnyOrder("changer", "beater");
        assertThat(activities).containsEntry("changer", Optional.of(changedAt)).containsEntry("beater", Optional.empty());
    }

    @Test
    void heartbeatsThatArriveWhileTheDrainThreadLingersJoinItsBatch() throws Exception {
        Future<SessionRefreshed> first = sendOneAndHoldIt("first", Duration.ofSeconds(2));
        List<Future<SessionRefreshed>> queued = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = "queued-" + i;
            queued.add(callers.submit(() -> batches.refresh(heartbeat(user, PresenceStatus.ONLINE))));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.waiting() == 3);

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            String user = "lingered-" + i;
            queued.add(callers.submit(() -> batches.refresh(heartbeat(user, PresenceStatus.ONLINE))));
        }
        for (Future<SessionRefreshed> caller : queued) {
            caller.get(10, TimeUnit.SECONDS);
        }

        assertThat(sent).as("the held call, then one batch for all who came while it was held or lingered").hasSize(2);
        assertThat(sent.get(1)).extracting(PresenceUpdate::userId)
                .containsExactlyInAnyOrder("queued-0", "queued-1", "queued-2", "lingered-0", "lingered-1", "lingered-2");
    }

    @Test
    void aCallerWhoseBatchCannotGoOutInTimeIsRefusedAndItsHeartbeatLeavesTheQueue() throws Exception {
        CountDownLatch gridHeld = new CountDownLatch(1);
        start(batch -> {
            gridHeld.countDown();
            await(release);
            return answer(batch);
        }, 300, Duration.ZERO);
        Future<SessionRefreshed> held = callers.submit(() -> batches.refresh(heartbeat("first", PresenceStatus.ONLINE)));
        assertThat(gridHeld.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> batches.refresh(heartbeat("late", PresenceStatus.ONLINE)))
                .isInstanceOf(GridUnavailableException.class).hasMessageContaining("no answer from the grid");
        assertThat(batches.waiting()).isZero();

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).refreshedAt()).isEqualTo(stamp(1, 0));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aClosedBatcherRefusesHeartbeatsWithoutCallingTheGrid() {
        start(this::answer).close();

        assertThatThrownBy(() -> batches.refresh(heartbeat("ann", PresenceStatus.ONLINE)))
                .isInstanceOf(GridUnavailableException.class).hasMessageContaining("shutting down");
        assertThat(sent).isEmpty();
    }

    @Test
    void twoHeartbeatsOfOneSessionNeverShareABatch() throws Exception {
        Future<SessionRefreshed> blocker = sendOneAndHoldIt("other");
        Future<SessionRefreshed> online = callers.submit(() -> batches.refresh(heartbeat("twice", PresenceStatus.ONLINE)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.waiting() == 1);
        Future<SessionRefreshed> busy = callers.submit(() -> batches.refresh(heartbeat("twice", PresenceStatus.BUSY)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.waiting() == 2);

        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(online.get(10, TimeUnit.SECONDS).sessionStarted()).as("the online refresh's own answer").isFalse();
        assertThat(busy.get(10, TimeUnit.SECONDS).sessionStarted()).as("the busy refresh's own answer").isTrue();
        assertThat(sent).hasSize(3);
        for (List<PresenceUpdate> batch : sent) {
            assertThat(batch).extracting(PresenceWrites::sessionKey).doesNotHaveDuplicates();
        }
    }

    @Test
    void aFailedBatchFailsItsCallersWithTheGridsErrorAndTheNextBatchGoesOut() {
        start(batch -> {
            if (calls.getAndIncrement() == 0) {
                throw new GridUnavailableException("grid gone", null);
            }
            return answer(batch);
        });

        assertThatThrownBy(() -> batches.refresh(heartbeat("ann", PresenceStatus.ONLINE)))
                .isInstanceOf(GridUnavailableException.class).hasMessage("grid gone");
        assertThat(batches.refresh(heartbeat("ann", PresenceStatus.ONLINE)).rowAgrees()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
