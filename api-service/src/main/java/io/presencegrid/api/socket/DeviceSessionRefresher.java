package io.presencegrid.api.socket;

import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.tasks.presence.PresenceUpdate;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the sessions of this API node's device sockets alive: it renews the node's lease every third of
 * the lease's TTL (the session TTL less the time a lapsed lease's sessions take to end), which is what
 * keeps them alive (HeldSessions in the compute tasks), and rewrites each session once a refresh period,
 * a third of a held session's own long TTL: their backstop, and the write that brings a row that missed a
 * device's status back in line. A lease found lapsed (the node paused longer than the lease's TTL, and
 * the servers ended its sessions) has every socket's session rewritten at once,
 * so its users come back within the tick instead of at their slot's next turn.
 * Each socket is given one of as many slots as there are ticks in a period, round robin; every tick, the
 * sockets of that slot are handed to a few refreshing threads, which send them in batches that each cost
 * one grid request per primary node. So the work is spread evenly over the period: 50,000 sockets at TTL
 * 60 s are about 250 refreshes a tick (2,500 when every session was refreshed each third of the TTL, which
 * on one machine made most of a big channel's event tail). One blocking grid call per socket on one
 * thread (about 3 ms each) fell behind past some 6,600 sockets and let their sessions expire.
 *
 * <p>Ticks are a second. Tenth-of-a-second ticks were tried, to spread the grid's work more evenly: they
 * did not shorten a watched channel's slowest events and cost 40% more CPU per refresh in the bench (245
 * µs against 159-186), since smaller calls amortise less. A tick's refreshes go through a
 * {@link RefreshQueue}: when the refreshing threads fall behind, what waited goes out in bigger calls
 * instead of more of them.
 */
@Component
class DeviceSessionRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSessionRefresher.class);
    static final long TICK_MILLIS = 1_000;
    /** Sessions per grid call: big enough to amortise a request, small enough to spread over the threads. */
    static final int BATCH = 1_000;
    private static final int THREADS = 2;

    private final PresenceService presence;
    private final List<Set<SocketConnection>> slots = new ArrayList<>();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final AtomicInteger tick = new AtomicInteger();
    private final RefreshQueue<PresenceUpdate> due = new RefreshQueue<>(BATCH);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("device-refresh-tick"));
    private final ScheduledExecutorService leaseRenewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("api-node-lease"));
    private final long leaseMillis;
    /** A lease was written once: one found missing after that had lapsed. */
    private volatile boolean leaseWritten;
    private final ExecutorService refreshers = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("device-refresh"));

    DeviceSessionRefresher(PresenceService presence, SocketProperties properties) {
        this.presence = presence;
        this.leaseMillis = properties.leaseMillis();
        // Before any socket of this node writes a session: the sweeper ends a held session whose node has
        // had no lease for a TTL.
        renewLease();
        leaseRenewer.scheduleAtFixedRate(this::renewLease, leaseMillis, leaseMillis, TimeUnit.MILLISECONDS);
        int slotCount = (int) Math.max(1, properties.refreshMillis() / TICK_MILLIS);
        for (int i = 0; i < slotCount; i++) {
            slots.add(ConcurrentHashMap.newKeySet());
        }
        for (int i = 0; i < THREADS; i++) {
            refreshers.execute(this::refreshWhileRunning);
        }
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** From now on the socket's session is refreshed once a period; the caller made the first write. */
    void keepAlive(SocketConnection socket) {
        slots.get(Math.floorMod(nextSlot.getAndIncrement(), slots.size())).add(socket);
    }

    void stop(SocketConnection socket) {
        slots.forEach(slot -> slot.remove(socket));
    }

    int sockets() {
        return slots.stream().mapToInt(Set::size).sum();
    }

    private void renewLease() {
        try {
            boolean held = presence.renewSocketLease();
            if (!held && leaseWritten) {
                List<PresenceUpdate> all = new ArrayList<>();
                slots.forEach(slot -> all.addAll(refreshesOf(slot)));
                LOG.warn("This node's lease was missing (it lapsed, and the grid ended its device sessions, or the node"
                        + " rejoined the grid under a new order): writing all {} device sessions again", all.size());
                for (int from = 0; from < all.size(); from += BATCH) {
                    due.add(all.subList(from, Math.min(all.size(), from + BATCH)));
                }
            }
            leaseWritten = true;
        } catch (RuntimeException e) {
            // Two more tries before it lapses: it is renewed every third of its TTL.
            LOG.warn("This node's lease was not renewed, trying again in {} ms: {}", leaseMillis, e.getMessage());
        }
    }

    private void tick() {
        due.add(refreshesOf(slots.get(Math.floorMod(tick.getAndIncrement(), slots.size()))));
    }

    private static List<PresenceUpdate> refreshesOf(Set<SocketConnection> slot) {
        List<PresenceUpdate> refreshes = new ArrayList<>(slot.size());
        for (SocketConnection socket : slot) {
            if (socket.isOpen()) {
                refreshes.add(new PresenceUpdate(socket.caller().userId(), socket.device(), socket.deviceStatus(), null,
                        ChangeReason.UPDATE));
            }
        }
        return refreshes;
    }

    private void refreshWhileRunning() {
        while (!Thread.currentThread().isInterrupted()) {
            List<PresenceUpdate> batch;
            try {
                batch = due.take();
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                presence.refreshSocketDevices(batch);
            } catch (RuntimeException e) {
                LOG.warn("Refresh of {} device sessions failed, retrying next period: {}", batch.size(), e.getMessage());
            }
        }
    }

    @PreDestroy
    void shutdown() {
        // The lease is left to expire: the sockets' releases, sent while stopping, ended or handed over what they held.
        leaseRenewer.shutdownNow();
        ticker.shutdownNow();
        refreshers.shutdownNow();
    }
}
