package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/** Value of the SUBSCRIPTION cache: when the subscription was made. The key says who follows whom. */
public final class Subscription {

    private final Timestamp createdAt;

    public Subscription(Instant createdAt) {
        this.createdAt = Timestamp.from(Objects.requireNonNull(createdAt, "createdAt"));
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription that && createdAt.equals(that.createdAt);
    }

    @Override
    public int hashCode() {
        return createdAt.hashCode();
    }
}
