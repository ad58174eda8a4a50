package io.presencegrid.api.socket;

import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This API node's sockets by the users they follow: the in-process fan-out behind the node's single
 * continuous query. A watched channel follows its members here too ({@link PresenceFollower}). The grid is told of interest in a user, in one batch per follow, when the first
 * socket follows them; it is withdrawn shortly after the last one stops, in the background.
 *
 * <p>No grid call is made under the hub's monitor, so a socket following a thousand users, or a grid
 * slowed by a failing node, holds up no other socket's connect or close (the fuzz drill found a
 * connect waiting 30 s behind a socket registering interest user by user). What keeps the grid's
 * records right is {@link #interestWrites}: a follow registers while holding it shared, a withdrawal
 * holds it alone, so a withdrawal never overtakes a registration of the same user, and a user whose
 * withdrawal is still pending is followed again without touching the grid.
 */
@Component
class SocketHub {

    private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);
    static final long WITHDRAWAL_DELAY_MILLIS = 100;
    static final long WITHDRAWAL_RETRY_MILLIS = 1_000;

    /** Users with an interest record in the grid; an empty set means the record awaits withdrawal. */
    private final Map<String, Set<PresenceFollower>> followers = new ConcurrentHashMap<>();
    private final Set<String> awaitingWithdrawal = new HashSet<>();
    /**
     * Users no socket follows whose record a withdrawal failed to remove. They are not in
     * {@link #followers}: the grid may have lost the record meanwhile (this node reconnects under a new
     * id, and the servers drop the old id's records), so a later follow writes it afresh instead of
     * trusting it. The removal is retried for those nobody follows again.
     */
    private final Set<String> owedWithdrawals = new HashSet<>();
    /** Users whose interest record a follow is writing right now, to the end of that write. */
    private final Map<String, CompletableFuture<Void>> registrations = new HashMap<>();
    private final ReadWriteLock interestWrites = new ReentrantReadWriteLock();
    private final InterestRegistry interest;
    private final ScheduledExecutorService withdrawals = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("interest-withdrawal"));
    private boolean withdrawalScheduled;

    SocketHub(InterestRegistry interest, SocketMeters meters) {
        this.interest = interest;
        meters.gaugeFollowedUsers(this::followedUsers);
    }

    /**
     * Delivers changes of {@code userIds} to {@code socket} from now on; returns once the grid knows
     * this node follows them, so a read made after it misses no change. That holds also for a user
     * another socket began following a moment before, whose record is still on its way: this waits for
     * it. Throws if the grid could not be told; the caller then unfollows. A closed socket follows no one.
     */
    void follow(PresenceFollower socket, Iterable<String> userIds) {
        follow(socket, userIds, interest::interested);
    }

    /**
     * Follows one user, as {@link #follow}, and reads them once the grid knows this node follows them. When
     * this follow is the one that tells the grid, the record and the read are one grid call; otherwise the
     * record is there already (or its write is awaited) and {@code read} reads them. A channel's join is
     * announced with this read, on the channel's one thread.
     */
    PresenceSnapshot followAndRead(PresenceFollower socket, String userId, Function<String, PresenceSnapshot> read) {
        AtomicReference<PresenceSnapshot> readWithRecord = new AtomicReference<>();
        follow(socket, List.of(userId), firstFollowed -> {
            if (!firstFollowed.isEmpty()) {
                readWithRecord.set(interest.interestedAndRead(userId));
            }
        });
        PresenceSnapshot presence = readWithRecord.get();
        return presence != null ? presence : read.apply(userId);
    }

    private void follow(PresenceFollower socket, Iterable<String> userIds, Consumer<List<String>> record) {
        CompletableFuture<Void> registration = new CompletableFuture<>();
        List<String> firstFollowed = new ArrayList<>();
        Set<CompletableFuture<Void>> othersRegistrations = new HashSet<>();
        interestWrites.readLock().lock();
        try {
            synchronized (this) {
                if (!socket.isOpen()) {
                    return;
                }
                for (String userId : userIds) {
                    Set<PresenceFollower> sockets = followers.get(userId);
                    if (sockets == null) {
                        sockets = ConcurrentHashMap.newKeySet();
                        followers.put(userId, sockets);
                        firstFollowed.add(userId);
                        registrations.put(userId, registration);
                    } else {
                        awaitingWithdrawal.remove(userId);
                        CompletableFuture<Void> pending = registrations.get(userId);
                        if (pending != null && pending != registration) {
                            othersRegistrations.add(pending);
                        }
                    }
                    sockets.add(socket);
                }
            }
            register(firstFollowed, registration, record);
        } finally {
            interestWrites.readLock().unlock();
        }
        othersRegistrations.forEach(SocketHub::awaitRegistration);
    }

    synchronized void unfollow(PresenceFollower socket, Iterable<String> userIds) {
        for (String userId : userIds) {
            socket.forget(userId);
            Set<PresenceFollower> sockets = followers.get(userId);
            if (sockets != null && sockets.remove(socket) && sockets.isEmpty()) {
                awaitingWithdrawal.add(userId);
            }
        }
        scheduleWithdrawal(WITHDRAWAL_DELAY_MILLIS);
    }

    void unfollowAll(SocketConnection socket) {
        unfollow(socket, socket.followed());
    }

    /** Called in order, one change at a time, by the event feed. */
    void dispatch(PresenceChange change) {
        Set<PresenceFollower> sockets = followers.get(change.userId());
        if (sockets != null) {
            sockets.forEach(socket -> socket.deliver(change));
        }
    }

    synchronized int followedUsers() {
        return followers.size() - awaitingWithdrawal.size();
    }

    private void register(List<String> userIds, CompletableFuture<Void> registration, Consumer<List<String>> record) {
        try {
            record.accept(userIds);
            registration.complete(null);
        } catch (RuntimeException e) {
            registration.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                userIds.forEach(userId -> registrations.remove(userId, registration));
            }
        }
    }

    private static void awaitRegistration(CompletableFuture<Void> registration) {
        try {
            registration.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("interest not registered: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        withdrawals.shutdownNow();
    }

    private synchronized void scheduleWithdrawal(long delayMillis) {
        if (!withdrawalScheduled && (!awaitingWithdrawal.isEmpty() || !owedWithdrawals.isEmpty()) && !withdrawals.isShutdown()) {
            withdrawalScheduled = true;
            withdrawals.schedule(this::withdraw, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void withdraw() {
        interestWrites.writeLock().lock();
        try {
            List<String> unfollowed;
            synchronized (this) {
                withdrawalScheduled = false;
                awaitingWithdrawal.forEach(followers::remove);
                owedWithdrawals.addAll(awaitingWithdrawal);
                awaitingWithdrawal.clear();
                // Followed again since a withdrawal failed: that follow wrote the record afresh.
                owedWithdrawals.removeIf(followers::containsKey);
                unfollowed = List.copyOf(owedWithdrawals);
            }
            if (unfollowed.isEmpty()) {
                return;
            }
            try {
                interest.notInterested(unfollowed);
                synchronized (this) {
                    unfollowed.forEach(owedWithdrawals::remove);
                }
            } catch (RuntimeException gridUnreachable) {
                // Nobody can follow these users while the lock held here is held; after it, a follow writes
                // their record again (owedWithdrawals), and this removal is retried for the rest.
                LOG.warn("Interest in {} users not withdrawn, retrying: {}", unfollowed.size(), gridUnreachable.getMessage());
                scheduleWithdrawal(WITHDRAWAL_RETRY_MILLIS);
            }
        } finally {
            interestWrites.writeLock().unlock();
        }
    }
}
