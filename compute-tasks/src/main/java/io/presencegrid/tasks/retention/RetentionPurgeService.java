package io.presencegrid.tasks.retention;

import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.topology.ServerNodeSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.apache.ignite.services.ServiceContext;

/**
 * The retention purge's schedule and single entry point: a cluster-singleton grid service, so exactly
 * one server node runs it at a time and Ignite redeploys it on another server when that node leaves.
 * It runs {@link RetentionPurgeTask} (which works on every server where the data lives) every purge
 * period, first one period after it starts but at most an hour, so a service that moves often (rolling
 * restarts) still purges. On-demand purges come through a service proxy and queue behind a scheduled
 * one instead of overlapping it.
 */
public final class RetentionPurgeService implements Service, RetentionPurge {

    private static final long serialVersionUID = 1L;

    /** The longest wait for the first purge after the service (re)starts. */
    private static final long MAX_FIRST_DELAY_SECONDS = 3600;

    private final int retentionDays;
    private final long purgePeriodSeconds;

    @IgniteInstanceResource
    private transient Ignite ignite;

    /** Kept apart from the injected field: Ignite clears injected resources when the service is cancelled. */
    private transient Ignite node;
    private transient ScheduledExecutorService schedule;

    public RetentionPurgeService(int retentionDays, long purgePeriodSeconds) {
        requireRetention(retentionDays);
        if (purgePeriodSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_PURGE_PERIOD_SECONDS must be at least 1, was " + purgePeriodSeconds);
        }
        this.retentionDays = retentionDays;
        this.purgePeriodSeconds = purgePeriodSeconds;
    }

    @Override
    public void init(ServiceContext context) {
        node = ignite;
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "presence-retention");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleAtFixedRate(this::scheduledPurge, Math.min(purgePeriodSeconds, MAX_FIRST_DELAY_SECONDS),
                purgePeriodSeconds, TimeUnit.SECONDS);
        if (node.log().isInfoEnabled()) {
            node.log().info("Retention purge scheduled on this node: users inactive for " + retentionDays
                    + " days, every " + purgePeriodSeconds + " s");
        }
    }

    @Override
    public void cancel(ServiceContext context) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    @Override
    public PurgeResult purgeNow() {
        return purgeOlderThan(retentionDays);
    }

    @Override
    public synchronized PurgeResult purgeOlderThan(int days) {
        requireRetention(days);
        Clock clock = PresenceClock.MILLISECONDS;
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        long started = System.nanoTime();
        // Runs one job on every server node, over the PRESENCE partitions it holds as primary.
        Long purged = node.compute(node.cluster().forServers()).execute(RetentionPurgeTask.class, cutoff.toEpochMilli());
        if (node.log().isInfoEnabled()) {
            node.log().info("Retention purge removed " + purged + " users inactive since " + cutoff + " in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
        return new PurgeResult(cutoff, purged);
    }

    private void scheduledPurge() {
        try {
            if (node.cluster().state() == ClusterState.ACTIVE) {
                purgeNow();
            }
        } catch (RuntimeException e) {
            // A purge that fails (node stopping, partitions moving) runs again next period.
            node.log().warning("Retention purge failed: " + e.getMessage());
        }
    }

    private static void requireRetention(int days) {
        if (days < 1 || days > ServerNodeSettings.MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retentionDays must be 1.." + ServerNodeSettings.MAX_RETENTION_DAYS + ", was " + days);
        }
    }
}
