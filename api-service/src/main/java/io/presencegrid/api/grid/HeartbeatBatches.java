package io.presencegrid.api.grid;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.presence.SessionRefreshed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the session refreshes of heartbeats that arrive together as one grid call. Ignite splits such a
 * call into one request per primary node, and the grid's CPU per heartbeat goes mostly to messages, not
 * to the write (docs/capacity.md): under load, n heartbeats then cost a few requests instead of n.
 *
 * <p>No heartbeat waits for a timer. A few sender threads each take whatever is queued when they are
 * free, send it, and hand every caller its own answer; what arrives while they are busy forms the next
 * batch. A quiet node therefore sends each heartbeat alone, as without batching, and a busy one sends
 * fewer, larger calls; the latency a caller adds is at most one batch in flight ahead of its own. Two
 * heartbeats of the same session never share a batch (each caller gets the answer to its own refresh),
 * and a batch holds at most {@link #MAX_BATCH} sessions.
 */
final class HeartbeatBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatBatches.class);
    private static final int MAX_BATCH = 256;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> send;
    private final DistributionSummary batchSizes;
    private final long answerTimeoutMillis;
    private final List<Thread> senders = new ArrayList<>();

    /**
     * @param send                the grid call for one batch of distinct sessions, retries included
     * @param answerTimeoutMillis how long a caller waits for its batch before answering 503: longer than
     *                            {@code send} retries for, so it fires only if a sender is stuck
     */
    HeartbeatBatches(Function<List<PresenceUpdate>, Map<DeviceSessionKey, SessionRefreshed>> send, int senderThreads,
                     long answerTimeoutMillis, MeterRegistry meters) {
        this.send = send;
        this.answerTimeoutMillis = answerTimeoutMillis;
        this.batchSizes = DistributionSummary.builder("presence.heartbeat.batch.size")
                .description("REST heartbeats whose sessions one grid call refreshed").register(meters);
        for (int i = 0; i < senderThreads; i++) {
            Thread sender = new Thread(this::sendWhileOpen, "presence-heartbeat-batches-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    /** Refreshes the heartbeat's session, in a batch with whatever heartbeats arrive alongside. */
    SessionRefreshed refresh(PresenceUpdate heartbeat) {
        Pending pending = new Pending(heartbeat, PresenceWrites.sessionKey(heartbeat), new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.answer().get(answerTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new GridUnavailableException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new GridUnavailableException("no answer from the grid for a heartbeat in " + answerTimeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailableException("interrupted while waiting for a heartbeat's batch", e);
        }
    }

    /** Heartbeats waiting for a sender. */
    int waiting() {
        return queue.size();
    }

    private void sendWhileOpen() {
        List<Pending> held = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Pending> batch = nextBatch(held);
                sendBatch(batch);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } finally {
            held.forEach(HeartbeatBatches::refuseOnShutdown);
        }
    }

    /**
     * Waits for the first heartbeat when none is held back, then takes what else is queued. A second
     * heartbeat of a session already in the batch is held back for the next one.
     */
    private List<Pending> nextBatch(List<Pending> held) throws InterruptedException {
        List<Pending> candidates = new ArrayList<>(held);
        held.clear();
        if (candidates.isEmpty()) {
            candidates.add(queue.take());
        }
        queue.drainTo(candidates, MAX_BATCH - candidates.size());
        Map<DeviceSessionKey, Pending> distinct = new HashMap<>();
        List<Pending> batch = new ArrayList<>(candidates.size());
        for (Pending pending : candidates) {
            if (distinct.putIfAbsent(pending.session(), pending) == null) {
                batch.add(pending);
            } else {
                held.add(pending);
            }
        }
        return batch;
    }

    private void sendBatch(List<Pending> batch) {
        batchSizes.record(batch.size());
        try {
            Map<DeviceSessionKey, SessionRefreshed> answers = send.apply(batch.stream().map(Pending::heartbeat).toList());
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

    @Override
    public void close() {
        senders.forEach(Thread::interrupt);
        for (Pending pending; (pending = queue.poll()) != null; ) {
            refuseOnShutdown(pending);
        }
    }

    private static void refuseOnShutdown(Pending pending) {
        pending.answer().completeExceptionally(new GridUnavailableException("the API node is shutting down", null));
    }

    private record Pending(PresenceUpdate heartbeat, DeviceSessionKey session, CompletableFuture<SessionRefreshed> answer) {
    }
}
