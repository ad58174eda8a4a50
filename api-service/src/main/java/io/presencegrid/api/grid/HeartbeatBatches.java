package io.presencegrid.api.grid;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.presence.SessionRefreshed;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the session refreshes of heartbeats that arrive together as one grid call. Ignite splits such a
 * call into one request per primary node, and the grid's CPU per heartbeat goes mostly to messages, not
 * to the write (docs/capacity.md): under load, n heartbeats then cost a few requests instead of n.
 *
 * <p>A group commit on the callers' own threads: a caller that finds a send slot free sends whatever is
 * queued, its own heartbeat included, and hands every other caller in the batch its answer; callers that
 * find the slots taken wait, and what they queued forms the next batch. When a sender is done it wakes the
 * first caller still queued to send the next one. No heartbeat waits for a timer or for another thread to
 * wake up and send it: a quiet node sends each heartbeat from its request thread, with no hand-off, and a
 * busy one sends fewer, larger calls. A sender thread of its own cost every lone heartbeat two more
 * thread hand-offs (the sender woken to send, the caller woken by the sender), and a hand-off is much
 * of what an update costs in CPU (docs/capacity.md, "Below Java").
 *
 * <p>Two heartbeats of the same session never share a batch (each caller gets the answer to its own
 * refresh), and a batch holds at most {@link #MAX_BATCH} sessions.
 */
final class HeartbeatBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatBatches.class);
    private static final int MAX_BATCH = 256;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore sendSlots;
    private final Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> send;
    private final DistributionSummary batchSizes;
    private final long answerTimeoutNanos;
    private volatile boolean closed;

    /**
     * @param send                the grid call for one batch of distinct sessions, retries included
     * @param sendSlots           how many batches may be on their way at once
     * @param answerTimeoutMillis how long a caller waits for another caller's batch before answering 503:
     *                            longer than {@code send} retries for, so it fires only if a sender is stuck
     */
    HeartbeatBatches(Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> send, int sendSlots,
                     long answerTimeoutMillis, MeterRegistry meters) {
        this.send = send;
        this.sendSlots = new Semaphore(sendSlots);
        this.answerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(answerTimeoutMillis);
        this.batchSizes = DistributionSummary.builder("presence.heartbeat.batch.size")
                .description("REST heartbeats whose sessions one grid call refreshed").register(meters);
    }

    /** Refreshes the heartbeat's session, in a batch with whatever heartbeats arrive alongside. */
    SessionRefreshed refresh(PresenceUpdate heartbeat) {
        Pending pending = new Pending(heartbeat, PresenceWrites.sessionKey(heartbeat), Thread.currentThread(),
                new AtomicBoolean(), new CompletableFuture<>());
        if (closed) {
            refuseOnShutdown(pending);
        } else {
            queue.add(pending);
            awaitOrSend(pending);
        }
        return answerOf(pending);
    }

    /** Heartbeats queued for the next batch. */
    int waiting() {
        return queue.size();
    }

    /**
     * Sends a batch whenever a slot is free while this caller's own heartbeat is still queued, then waits
     * for its answer. A waiting caller is woken by whoever answers it, or by a sender that is done and
     * finds it first in the queue.
     */
    private void awaitOrSend(Pending pending) {
        long deadline = System.nanoTime() + answerTimeoutNanos;
        while (!pending.answer().isDone()) {
            if (!pending.taken().get() && sendSlots.tryAcquire()) {
                try {
                    sendBatch(nextBatch());
                } finally {
                    sendSlots.release();
                }
                wakeNextSender();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                giveUp(pending, new GridUnavailableException(
                        "no answer from the grid for a heartbeat in " + TimeUnit.NANOSECONDS.toMillis(answerTimeoutNanos) + " ms", null));
            } else if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                giveUp(pending, new GridUnavailableException("interrupted while waiting for a heartbeat's batch", null));
            } else {
                LockSupport.parkNanos(this, left);
            }
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
            if (sessions.add(pending.session())) {
                pending.taken().set(true);
                batch.add(pending);
            } else {
                later.add(pending);
            }
        }
        queue.addAll(later);
        return batch;
    }

    /** The slot this sender held is free again: the first caller still queued may take it. */
    private void wakeNextSender() {
        Pending first = queue.peek();
        if (first != null) {
            LockSupport.unpark(first.caller());
        }
    }

    private void sendBatch(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchSizes.record(batch.size());
        try {
            Map<DeviceSessionKey, SessionRefreshed> answers = send.apply(batch.stream().map(Pending::heartbeat).toList());
            for (Pending pending : batch) {
                SessionRefreshed answer = answers.get(pending.session());
                if (answer != null) {
                    answer(pending, answer);
                } else {
                    fail(pending, new GridUnavailableException("the grid answered a batch of heartbeats without this session", null));
                }
            }
        } catch (RuntimeException | Error failure) {
            if (!(failure instanceof GridUnavailableException)) {
                LOG.warn("A batch of {} heartbeats failed", batch.size(), failure);
            }
            batch.forEach(pending -> fail(pending, failure));
            if (failure instanceof Error error) {
                throw error;
            }
        }
    }

    private static void answer(Pending pending, SessionRefreshed answer) {
        pending.answer().complete(answer);
        LockSupport.unpark(pending.caller());
    }

    private static void fail(Pending pending, Throwable failure) {
        pending.answer().completeExceptionally(failure);
        LockSupport.unpark(pending.caller());
    }

    /** Stops waiting: the heartbeat leaves the queue if no batch has taken it yet. */
    private void giveUp(Pending pending, GridUnavailableException reason) {
        queue.remove(pending);
        pending.answer().completeExceptionally(reason);
    }

    private static SessionRefreshed answerOf(Pending pending) {
        try {
            return pending.answer().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new GridUnavailableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailableException("interrupted while waiting for a heartbeat's batch", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Pending pending; (pending = queue.poll()) != null; ) {
            refuseOnShutdown(pending);
        }
    }

    private static void refuseOnShutdown(Pending pending) {
        fail(pending, new GridUnavailableException("the API node is shutting down", null));
    }

    /** @param taken set once a batch has taken the heartbeat from the queue: its caller then only waits */
    private record Pending(PresenceUpdate heartbeat, DeviceSessionKey session, Thread caller, AtomicBoolean taken,
                           CompletableFuture<SessionRefreshed> answer) {
    }
}
