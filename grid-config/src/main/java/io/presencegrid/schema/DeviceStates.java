package io.presencegrid.schema;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Packs the devices of a PRESENCE row into one byte array: a map of strings to objects would cost a
 * binary-object header per device and a type header per entry, on every copy of every row. The layout
 * is {@code count:int} then per device {@code idLength:u8, id:UTF-8, status:u8, lastActiveAt:epoch ms as
 * long}, devices in id order. Device ids are identifiers of at most 64 ASCII characters.
 */
public final class DeviceStates {

    private static final int MAX_ID_BYTES = 255;

    private DeviceStates() {
    }

    public static byte[] encode(Map<String, DeviceState> devices) {
        SortedMap<String, DeviceState> sorted = new TreeMap<>(devices);
        int size = Integer.BYTES;
        for (String device : sorted.keySet()) {
            size += 1 + idBytes(device).length + 1 + Long.BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(sorted.size());
        sorted.forEach((device, state) -> {
            byte[] id = idBytes(device);
            out.put((byte) id.length).put(id).put(code(state.status())).putLong(state.lastActiveAt().toEpochMilli());
        });
        return out.array();
    }

    /** Device id to state, in id order; empty for {@code null}. */
    public static SortedMap<String, DeviceState> decode(byte[] encoded) {
        SortedMap<String, DeviceState> devices = new TreeMap<>();
        if (encoded == null) {
            return devices;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(encoded);
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[Byte.toUnsignedInt(in.get())];
                in.get(id);
                PresenceStatus status = status(in.get());
                devices.put(new String(id, StandardCharsets.UTF_8), new DeviceState(status, Instant.ofEpochMilli(in.getLong())));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated device states", e);
        }
        return Collections.unmodifiableSortedMap(devices);
    }

    private static byte[] idBytes(String device) {
        byte[] id = device.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("device id must be 1.." + MAX_ID_BYTES + " bytes, was " + id.length);
        }
        return id;
    }

    /** Fixed codes rather than ordinals: rows on disk must outlive a reordering of the enum. */
    private static byte code(PresenceStatus status) {
        return switch (status) {
            case ONLINE -> 1;
            case AWAY -> 2;
            case BUSY -> 3;
            case INVISIBLE -> 4;
            case OFFLINE -> throw new IllegalArgumentException("an offline device is not stored");
        };
    }

    private static PresenceStatus status(byte code) {
        return switch (code) {
            case 1 -> PresenceStatus.ONLINE;
            case 2 -> PresenceStatus.AWAY;
            case 3 -> PresenceStatus.BUSY;
            case 4 -> PresenceStatus.INVISIBLE;
            default -> throw new IllegalArgumentException("unknown device status code " + code);
        };
    }
}
