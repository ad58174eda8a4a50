package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/** Value of the CHANNEL_MEMBER cache: when the device joined. The key says which device of whom, in which channel. */
public final class ChannelMember {

    /** Users one channel may hold at once (DESIGN.md); a user's devices count once. */
    public static final int MAX_PER_CHANNEL = 10_000;

    private final Timestamp joinedAt;

    public ChannelMember(Instant joinedAt) {
        this.joinedAt = Timestamp.from(Objects.requireNonNull(joinedAt, "joinedAt"));
    }

    public Instant joinedAt() {
        return joinedAt.toInstant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelMember that && joinedAt.equals(that.joinedAt);
    }

    @Override
    public int hashCode() {
        return joinedAt.hashCode();
    }
}
