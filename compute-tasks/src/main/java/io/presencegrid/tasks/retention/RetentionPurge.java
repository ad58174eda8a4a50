package io.presencegrid.tasks.retention;

/**
 * The retention purge as other nodes call it: through a proxy of the cluster-singleton
 * {@link RetentionPurgeService}, so on-demand and scheduled purges run one at a time on one node.
 */
public interface RetentionPurge {

    /** The service's name in the grid. */
    String SERVICE_NAME = "presence-retention";

    /** Purges with the grid's configured retention (PRESENCE_RETENTION_DAYS). */
    PurgeResult purgeNow();

    /** Purges users inactive for more than {@code retentionDays} (1..36500). */
    PurgeResult purgeOlderThan(int retentionDays);
}
