package io.presencegrid.api.grid;

import io.presencegrid.api.threads.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.spi.discovery.DiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reconnects this API node's grid client when it is stuck behind a topology change. Seen in the hosts
 * drill (docs/reliability.md): the client's router server was cut off, the client moved to another one
 * just as the cut-off node rejoined, and the coordinator's answer to that join's exchange never reached
 * it. The servers had long moved on; this node waited for ever, and so did every write of its requests.
 * A reconnect is Ignite's own way out of a failed exchange ("will try to reconnect to cluster"): the
 * waiting operations fail as disconnected, GridCalls waits for the reconnect and makes them again, and
 * the event feeds register anew, as after any reconnect (the node's sockets are closed with 1012).
 */
@Component
class StuckExchangeWatchdog implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StuckExchangeWatchdog.class);
    /**
     * Far longer than a client's exchange takes when its answer comes (about a second after the servers
     * finish, and they roll back a transaction that holds theirs up after 10 s: ExchangeGuard), and short
     * enough that a request waiting on it still has its retries after the reconnect.
     */
    static final long LIMIT_SECONDS = 15;

    private final Ignite ignite;
    private final ExchangeLag lag = new ExchangeLag(TimeUnit.SECONDS.toNanos(LIMIT_SECONDS));
    private ScheduledExecutorService checks;

    StuckExchangeWatchdog(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public void start() {
        checks = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("exchange-watchdog"));
        checks.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            long known = ignite.cluster().topologyVersion();
            long ready = ((IgniteEx) ignite).context().cache().context().exchange().readyAffinityVersion().topologyVersion();
            if (lag.overdue(known, ready, System.nanoTime())) {
                LOG.warn("This API node's grid client has not finished the exchange of topology version {} (ready: {}) for {} s; "
                        + "reconnecting it", known, ready, LIMIT_SECONDS);
                reconnect();
            }
        } catch (RuntimeException e) {
            // Disconnected or stopping: Ignite reconnects by itself, or the node is going.
            LOG.debug("Exchange check skipped: {}", e.getMessage());
        }
    }

    private void reconnect() {
        DiscoverySpi discovery = ignite.configuration().getDiscoverySpi();
        if (discovery instanceof TcpDiscoverySpi tcp && tcp.clientReconnectSupported()) {
            tcp.clientReconnect();
        }
    }

    @Override
    public void stop() {
        if (checks != null) {
            checks.shutdownNow();
            checks = null;
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }
}
