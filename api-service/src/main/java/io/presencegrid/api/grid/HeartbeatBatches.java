package io.presencegrid.api.grid;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.presence.BatchedRefresh;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.presence.SessionRefreshed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the session refreshes of heartbeats that arrive together as one grid call, one call on its way
 * at a time. Ignite splits such a call into one request per primary node, and the grid's CPU per
 * heartbeat goes mostly to messages, not to the write (docs/capacity.md): under load, n heartbeats then
 * cost a few requests instead of n.
 *
 * <p>Who sends depends on the load. A heartbeat that finds nothing on its way is sent at once from its
 * caller's own thread, with no thread hand-off: on this machine a hand-off is much of what an update
 * costs in CPU (docs/capacity.md, "Below Java"). Heartbeats that arrive while a call is on its way queue
 * behind it, and whoever sent that call hands the queue to a drain thread, which sends batch after batch
 * for as long as heartbeats keep queuing. That thread is already running when each answer comes back, so
 * under load the next batch goes out without waiting for a parked thread to be scheduled.
 *
 * <p>Before each of its batches the drain thread lingers a few milliseconds for more heartbeats to join
 * it. Only heartbeats that already queued behind a call pay that wait; a quiet node's heartbeat never
 * does. Measured on two shared cores (docs/capacity.md, "Heartbeats that linger for their batch"), a
 * 3 ms linger took about a tenth off the CPU of an update over HTTP and two thread hand-offs off each,
 * at the same tail.
 *
 * <p>Two heartbeats of the same session never share a batch (each caller gets the answer to its own
 * refresh), and a batch holds at most {@link #MAX_BATCH} sessions.
 */
final class HeartbeatBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatBatches.class);
    private static final int MAX_BATCH = 256;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** One grid call on its way at a time, so that what arrives meanwhile gathers into the next. */
    private final Semaphore onItsWay = new Semaphore(1);
    private final Function<List<BatchedRefresh>, Map<DeviceSessionKey, SessionRefreshed>> send;
    private final DistributionSummary batchSizes;
    private final long answerTimeoutMillis;
    private final long lingerNanos;
    private final Thread drainer;
    /** Set, with {@link #onItsWay} held, when the queue is the drain thread's to send. */
    private volatile boolean drainersTurn;
    private volatile boolean closed;

    /**
     * @param send                the grid call for one batch of distinct sessions, retries included
     * @param answerTimeoutMillis how long a caller waits for its batch before answering 503: longer than
     *                            {@code send} retries for, so it fires only if a sender is stuck
     * @param linger              how long the drain thread waits for more heartbeats before each batch
     */
    HeartbeatBatches(Function<List<BatchedRefresh>, Map<DeviceSessionKey, SessionRefreshed>> send,
                     long answerTimeoutMillis, Duration linger, MeterRegistry meters) {
        this.send = send;
        this.answerTimeoutMillis = answerTimeoutMillis;
        this.lingerNanos = linger.toNanos();
        this.batchSizes = DistributionSummary.builder("presence.heartbeat.batch.size")
                .description("REST heartbeats whose sessions one grid call refreshed").register(meters);
        this.drainer = DaemonThreads.named("presence-heartbeat-batches").newThread(this::drainWhileOpen);
        drainer.start();
    }

    /** Refreshes the heartbeat's session, in a batch with whatever heartbeats arrive alongside. */
    SessionRefreshed refresh(PresenceUpdate heartbeat) {
        return refresh(BatchedRefresh.heartbeat(heartbeat));
    }

    /**
     * Writes the session of a change whose row the caller is writing meanwhile, in a batch like a
     * heartbeat's, with the change's own time stamp.
     */
    SessionRefreshed refresh(PresenceUpdate change, Instant activity) {
        return refresh(new BatchedRefresh(change, activity));
    }

    private SessionRefreshed refresh(BatchedRefresh refresh) {
        Pending pending = new Pending(refresh, PresenceWrites.sessionKey(refresh.update()), new CompletableFuture<>());
        if (closed) {
            refuseOnShutdown(pending);
        } else {
            queue.add(pending);
            if (onItsWay.tryAcquire()) {
                sendNextBatch();
            }
        }
        return answerOf(pending);
    }

    /** Heartbeats queued for the next batch. */
    int waiting() {
        return queue.size();
    }

    /** Sends one batch with the slot held, then passes the slot on to the drain thread or frees it. */
    private void sendNextBatch() {
        try {
            sendBatch(nextBatch());
        } finally {
            handOver();
        }
    }

    /**
     * Frees the slot if nothing is queued, or gives it to the drain thread. A heartbeat queued just as
     * the slot is freed found it taken, so the queue is looked at once more after freeing it.
     */
    private void handOver() {
        if (queue.isEmpty()) {
            onItsWay.release();
            if (queue.isEmpty() || !onItsWay.tryAcquire()) {
                return;
            }
        }
        drainersTurn = true;
        LockSupport.unpark(drainer);
    }

    private void drainWhileOpen() {
        while (!closed) {
            if (!drainersTurn) {
                LockSupport.park(this);
                continue;
            }
            drainersTurn = false;
            try {
                while (!queue.isEmpty() && !closed) {
                    lingerForMore();
                    sendBatch(nextBatch());
                }
            } finally {
                handOver();
            }
        }
    }

    /**
     * Gives heartbeats that are on their way to the queue time to join the batch about to go out. A
     * wake-up before the time is up (close) only sends the batch sooner.
     */
    private void lingerForMore() {
        if (lingerNanos > 0) {
            LockSupport.parkNanos(this, lingerNanos);
        }
    }

    /**
     * Takes up to {@link #MAX_BATCH} queued heartbeats of distinct sessions, oldest first. A second
     * heartbeat of a session already in the batch goes back to the queue for the next one.
     */
    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        Set<DeviceSessionKey> sessions = new HashSet<>();
        for (Pending pending; batch.size() < MAX_BATCH && (pending = queue.poll()) != null; ) {
            (sessions.add(pending.session()) ? batch : later).add(pending);
        }
        queue.addAll(later);
        return batch;
    }

    private void sendBatch(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchSizes.record(batch.size());
        try {
            Map<DeviceSessionKey, SessionRefreshed> answers = send.apply(batch.stream().map(Pending::refresh).toList());
            for (Pending pending : batch) {
                SessionRefreshed answer = answers.get(pending.session());
                if (answer != null) {
                    pending.answer().complete(answer);
                } else {
                    pending.answer().completeExceptionally(
                            new GridUnavailableException("the grid answered a batch of heartbeats without this session", null));
                }
            }
        } catch (RuntimeException | Error failure) {
            if (!(failure instanceof GridUnavailableException)) {
                LOG.warn("A batch of {} heartbeats failed", batch.size(), failure);
            }
            batch.forEach(pending -> pending.answer().completeExceptionally(failure));
            if (failure instanceof Error error) {
                throw error;
            }
        }
    }

    private SessionRefreshed answerOf(Pending pending) {
        try {
            return pending.answer().get(answerTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new GridUnavailableException(e.getMessage(), e);
        } catch (TimeoutException e) {
            queue.remove(pending);
            throw new GridUnavailableException("no answer from the grid for a heartbeat in " + answerTimeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.remove(pending);
            throw new GridUnavailableException("interrupted while waiting for a heartbeat's batch", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(drainer);
        for (Pending pending; (pending = queue.poll()) != null; ) {
            refuseOnShutdown(pending);
        }
    }

    private static void refuseOnShutdown(Pending pending) {
        pending.answer().completeExceptionally(new GridUnavailableException("the API node is shutting down", null));
    }

    private record Pending(BatchedRefresh refresh, DeviceSessionKey session, CompletableFuture<SessionRefreshed> answer) {
    }
}
