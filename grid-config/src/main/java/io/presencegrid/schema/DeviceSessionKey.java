package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * Key of one device session. Affinity on {@code userId} puts every session of a user in the partition
 * of that user's PRESENCE row, so aggregation reads them locally on the primary node.
 */
public final class DeviceSessionKey implements Comparable<DeviceSessionKey> {

    @AffinityKeyMapped
    private final String userId;
    private final String device;

    public DeviceSessionKey(String userId, String device) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.device = Objects.requireNonNull(device, "device");
    }

    public String userId() {
        return userId;
    }

    public String device() {
        return device;
    }

    /** Key order, so batches of sessions are written in one order everywhere. */
    @Override
    public int compareTo(DeviceSessionKey other) {
        int byUser = userId.compareTo(other.userId);
        return byUser != 0 ? byUser : device.compareTo(other.device);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceSessionKey that && userId.equals(that.userId) && device.equals(that.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, device);
    }

    @Override
    public String toString() {
        return userId + "/" + device;
    }
}
