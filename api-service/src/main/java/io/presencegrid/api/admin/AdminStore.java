package io.presencegrid.api.admin;

/** The grid-wide operations behind {@code /v1/admin}. The grid implementation runs them where the data lives. */
public interface AdminStore {

    /** Presence counts and the grid's topology, as of now. */
    StatsView stats();

    /**
     * Purges users inactive for more than {@code retentionDays}, or the grid's configured retention when
     * {@code null}.
     */
    PurgeView purge(Integer retentionDays);
}
