package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;

/**
 * The hub's bookkeeping against a grid stand-in that records what it was told, and can be made to
 * hang or fail the way a slow or failing grid does. The grid itself is covered by PresenceSocketIT
 * and TwoApiNodesIT; what is checked here is the ordering no end-to-end test can force.
 */
class SocketHubTest {

    private final RecordingInterest grid = new RecordingInterest();
    private final SocketHub hub = new SocketHub(grid, new SocketMeters(new SimpleMeterRegistry()));
    private final AtomicInteger sessions = new AtomicInteger();

    @AfterEach
    void stop() {
        grid.release();
        hub.stop();
    }

    @Test
    void aSocketFollowingAThousandUsersTellsTheGridInOneWrite() {
        List<String> users = IntStream.range(0, 1000).mapToObj(i -> "user-" + i).toList();

        hub.follow(socket(), users);

        assertThat(grid.writes).hasSize(1);
        assertThat(grid.recorded).hasSize(1000);
        assertThat(hub.followedUsers()).isEqualTo(1000);
    }

    @Test
    void aHangingGridWriteHoldsUpNoOtherSocketsFollowOrClose() throws Exception {
        SocketConnection closing = socket();
        hub.follow(closing, List.of("fast-1"));
        grid.hangOn("slow-1");

        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("slow-1", "slow-2")));
        grid.awaitHanging();

        CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("fast-2"))).get(5, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> hub.unfollowAll(closing)).get(5, TimeUnit.SECONDS);
        assertThat(slow).isNotDone();
        assertThat(grid.recorded).contains("fast-2");

        grid.release();
        slow.get(5, TimeUnit.SECONDS);
        assertThat(grid.recorded).contains("slow-1", "slow-2");
    }

    @Test
    void aFirstFollowAndItsReadAreOneGridCallALaterOneOnlyReads() {
        List<String> readApart = new ArrayList<>();

        PresenceSnapshot first = hub.followAndRead(socket(), "u", userId -> {
            readApart.add(userId);
            return null;
        });
        PresenceSnapshot again = hub.followAndRead(socket(), "u", userId -> {
            readApart.add(userId);
            return new PresenceSnapshot(userId, null, Map.of());
        });

        assertThat(first.userId()).isEqualTo("u");
        assertThat(again.userId()).isEqualTo("u");
        assertThat(grid.readWithRecord).containsExactly("u");
        assertThat(grid.writes).as("the record written once, with the first read").hasSize(1);
        assertThat(readApart).as("the second follow found the record and only read").containsExactly("u");
    }

    @Test
    void aReadBehindARecordStillOnItsWayWaitsForIt() throws Exception {
        grid.hangOn("u");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("u")));
        grid.awaitHanging();
        List<String> readApart = new CopyOnWriteArrayList<>();

        CompletableFuture<PresenceSnapshot> second = CompletableFuture.supplyAsync(() -> hub.followAndRead(socket(), "u", userId -> {
            readApart.add(userId);
            return new PresenceSnapshot(userId, null, Map.of());
        }));
        Thread.sleep(300);
        // Reading now could miss a change the grid is not yet forwarding here.
        assertThat(readApart).isEmpty();

        grid.release();
        first.get(5, TimeUnit.SECONDS);
        assertThat(second.get(5, TimeUnit.SECONDS).userId()).isEqualTo("u");
        assertThat(readApart).containsExactly("u");
        assertThat(grid.readWithRecord).isEmpty();
    }

    @Test
    void followingAUserWhoseRecordIsStillOnItsWayWaitsForIt() throws Exception {
        grid.hangOn("u");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("u")));
        grid.awaitHanging();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("u")));
        Thread.sleep(300);
        // Returning now would let the second socket read a snapshot the grid is not yet tracking changes after.
        assertThat(second).isNotDone();

        grid.release();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertThat(grid.writes).hasSize(1);
    }

    @Test
    void theLastUnfollowWithdrawsTheRecordAndAFollowBeforeThatKeepsIt() throws Exception {
        SocketConnection first = socket();
        hub.follow(first, List.of("gone", "back"));

        hub.unfollow(first, List.of("gone", "back"));
        hub.follow(socket(), List.of("back"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !grid.recorded.contains("gone"));
        Thread.sleep(3 * SocketHub.WITHDRAWAL_DELAY_MILLIS);
        assertThat(grid.recorded).containsExactly("back");
        assertThat(grid.writes).as("the record of back was never written again").hasSize(1);
        assertThat(hub.followedUsers()).isEqualTo(1);
        assertThat(first.followed()).isEmpty();
    }

    @Test
    void aWithdrawalNeverOvertakesTheRecordItWithdraws() throws Exception {
        SocketConnection socket = socket();
        grid.hangOn("u");
        CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> hub.follow(socket, List.of("u")));
        grid.awaitHanging();

        hub.unfollow(socket, List.of("u"));
        Thread.sleep(3 * SocketHub.WITHDRAWAL_DELAY_MILLIS);
        assertThat(grid.withdrawals).isEmpty();

        grid.release();
        follow.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !grid.withdrawals.isEmpty());
        assertThat(grid.recorded).doesNotContain("u");
        assertThat(hub.followedUsers()).isZero();
    }

    @Test
    void aFollowAfterAFailedWithdrawalWritesTheRecordAgain() throws Exception {
        SocketConnection first = socket();
        hub.follow(first, List.of("u"));
        grid.failingWithdrawals = true;
        hub.unfollow(first, List.of("u"));
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.failedWithdrawals.get() > 0);
        // Meanwhile the grid lost the record: this node reconnected under a new id.
        grid.recorded.clear();
        grid.failingWithdrawals = false;

        hub.follow(socket(), List.of("u"));

        assertThat(grid.recorded).containsExactly("u");
        assertThat(grid.writes).hasSize(2);
        Thread.sleep(SocketHub.WITHDRAWAL_RETRY_MILLIS + 3 * SocketHub.WITHDRAWAL_DELAY_MILLIS);
        assertThat(grid.recorded).as("the retried withdrawal spares a user followed again").containsExactly("u");
        assertThat(hub.followedUsers()).isEqualTo(1);
    }

    @Test
    void aFailedGridWriteFailsEverySocketWaitingOnIt() throws Exception {
        grid.hangOn("u");
        grid.failing = true;
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("u")));
        grid.awaitHanging();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> hub.follow(socket(), List.of("u")));
        Thread.sleep(100);

        grid.release();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("grid unreachable");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("grid unreachable");
    }

    @Test
    void aClosedSocketFollowsNoOne() {
        SocketConnection closed = new SocketConnection(session(false), Runnable::run, null, null, null);

        hub.follow(closed, List.of("u"));

        assertThat(grid.writes).isEmpty();
        assertThat(hub.followedUsers()).isZero();
    }

    private SocketConnection socket() {
        return new SocketConnection(session(true), Runnable::run, null, null, null);
    }

    private WebSocketSession session(boolean open) {
        String id = "s" + sessions.incrementAndGet();
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "getId" -> id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The grid's interest records as this node would leave them, and the writes that made them. */
    private static final class RecordingInterest implements InterestRegistry {

        final Set<String> recorded = ConcurrentHashMap.newKeySet();
        final List<Collection<String>> writes = new CopyOnWriteArrayList<>();
        final List<Collection<String>> withdrawals = new CopyOnWriteArrayList<>();
        final List<String> readWithRecord = new CopyOnWriteArrayList<>();
        private final CountDownLatch hanging = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String hangOn;
        volatile boolean failing;
        volatile boolean failingWithdrawals;
        final AtomicInteger failedWithdrawals = new AtomicInteger();

        void hangOn(String userId) {
            hangOn = userId;
        }

        void awaitHanging() throws InterruptedException {
            assertThat(hanging.await(5, TimeUnit.SECONDS)).as("the grid write began").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void interested(Collection<String> userIds) {
            if (userIds.isEmpty()) {
                return;
            }
            if (hangOn != null && userIds.contains(hangOn)) {
                hanging.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failing) {
                    throw new IllegalStateException("grid unreachable");
                }
            }
            writes.add(new ArrayList<>(userIds));
            recorded.addAll(userIds);
        }

        @Override
        public PresenceSnapshot interestedAndRead(String userId) {
            interested(List.of(userId));
            readWithRecord.add(userId);
            return new PresenceSnapshot(userId, null, Map.of());
        }

        @Override
        public void notInterested(Collection<String> userIds) {
            if (failingWithdrawals) {
                failedWithdrawals.incrementAndGet();
                throw new IllegalStateException("grid unreachable");
            }
            withdrawals.add(new ArrayList<>(userIds));
            recorded.removeAll(userIds);
        }
    }
}
