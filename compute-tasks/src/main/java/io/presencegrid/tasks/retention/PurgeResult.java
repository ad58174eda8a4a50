package io.presencegrid.tasks.retention;

import java.time.Instant;

/**
 * What one retention purge did: the cutoff it applied and how many users it removed. A plain class: it
 * travels back from the service's node through Ignite's binary marshaller (no records on Java 17).
 */
public final class PurgeResult {

    private final long cutoffMillis;
    private final long purged;

    public PurgeResult(Instant cutoff, long purged) {
        this.cutoffMillis = cutoff.toEpochMilli();
        this.purged = purged;
    }

    /** Users last seen before this were purged. */
    public Instant cutoff() {
        return Instant.ofEpochMilli(cutoffMillis);
    }

    public long purged() {
        return purged;
    }

    @Override
    public String toString() {
        return "PurgeResult[cutoff=" + cutoff() + ", purged=" + purged + "]";
    }
}
