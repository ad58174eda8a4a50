package io.presencegrid.api.grid;

import io.presencegrid.api.threads.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.events.EventType;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.IgniteEx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps compute working on this client node after it rejoins a grid whose servers all restarted.
 *
 * <p>With a security processor (ours: grid authentication), Ignite 2.17's task processor records each
 * task's name in the system cache, through a reference to that cache it takes when the node starts and
 * again only when the cluster is activated. A rejoin replaces the system cache (Ignite does not let
 * system caches survive a client reconnect), so when the grid was already active by the time this
 * node rejoined, every task (presence reads, heartbeats, stats) fails with "cache is stopped:
 * ignite-sys-cache" until the next activation, which may never come. Once the new system cache is
 * there, running the processor's own activation step again makes it take that one.
 *
 * <p>The wait runs on a thread of its own: the rejoin event arrives on Ignite's discovery thread,
 * before the new system cache exists, and that thread must never block or throw.
 */
@Component
class ComputeAfterRejoin {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeAfterRejoin.class);
    private static final String SYSTEM_CACHE = "ignite-sys-cache";
    private static final long SYSTEM_CACHE_WAIT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 50;

    private final GridKernalContext kernal;
    private final ExecutorService repairs = Executors.newSingleThreadExecutor(DaemonThreads.named("compute-after-rejoin"));

    ComputeAfterRejoin(Ignite ignite) {
        this.kernal = ((IgniteEx) ignite).context();
        ignite.events().localListen(event -> {
            repairs.execute(this::retakeSystemCache);
            return true;
        }, EventType.EVT_CLIENT_NODE_RECONNECTED);
    }

    private void retakeSystemCache() {
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SYSTEM_CACHE_WAIT_MILLIS);
            while (kernal.cache().internalCache(SYSTEM_CACHE) == null) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Compute may fail until the grid is next activated: no system cache {} ms after rejoining",
                            SYSTEM_CACHE_WAIT_MILLIS);
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
            kernal.task().onActivate(kernal);
            LOG.info("Task processor took the system cache of the rejoined grid");
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            LOG.warn("Compute may fail until the grid is next activated: task processor not refreshed after rejoin: {}",
                    e.toString());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        repairs.shutdownNow();
    }
}
