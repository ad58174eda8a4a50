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
 * long}, devices in id order, and where the status byte has its {@link #HAS_META} bit set, {@code
 * metaLength:u16, meta:UTF-8} after it. Device ids are identifiers of at most 64 ASCII characters. Rows
 * written before devices had metadata never set the bit, so they read as they were.
 */
public final class DeviceStates {

    private static final int MAX_ID_BYTES = 255;
    private static final int HAS_META = 0x80;
    private static final int MAX_META_BYTES = 0xFFFF;

    private DeviceStates() {
    }

    public static byte[] encode(Map<String, DeviceState> devices) {
        SortedMap<String, DeviceState> sorted = new TreeMap<>(devices);
        int size = Integer.BYTES;
        for (Map.Entry<String, DeviceState> device : sorted.entrySet()) {
            size += 1 + idBytes(device.getKey()).length + 1 + Long.BYTES;
            if (device.getValue().meta() != null) {
                size += Short.BYTES + metaBytes(device.getValue().meta()).length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(sorted.size());
        sorted.forEach((device, state) -> {
            byte[] id = idBytes(device);
            byte status = code(state.status());
            out.put((byte) id.length).put(id).put(state.meta() == null ? status : (byte) (status | HAS_META))
                    .putLong(state.lastActiveAt().toEpochMilli());
            if (state.meta() != null) {
                byte[] meta = metaBytes(state.meta());
                out.putShort((short) meta.length).put(meta);
            }
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
            Reader device = new Reader(encoded);
            while (device.next()) {
                devices.put(device.id(), new DeviceState(device.status(), device.lastActive(), device.meta()));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated device states", e);
        }
        return Collections.unmodifiableSortedMap(devices);
    }

    /**
     * The status of one device, or {@code null} when the row does not list it, read in place: a device
     * session's refresh asks this of its user's row a few thousand times a second on every node, and
     * decoding the whole map for it was garbage the grid nodes' collector paid for.
     */
    public static PresenceStatus statusOf(byte[] encoded, String device) {
        if (encoded == null) {
            return null;
        }
        try {
            Reader listed = new Reader(encoded);
            while (listed.next()) {
                if (listed.idIs(device)) {
                    return listed.status();
                }
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated device states", e);
        }
        return null;
    }

    /**
     * Walks the packed devices one at a time, keeping only where each part of the current device lies:
     * the one place that reads the layout, whether a caller wants every device as objects or one status.
     */
    private static final class Reader {

        private final byte[] bytes;
        private final ByteBuffer in;
        private int devicesLeft;
        private int idOffset;
        private int idLength;
        private byte code;
        private long lastActiveMillis;
        private int metaOffset;
        private int metaLength;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            this.in = ByteBuffer.wrap(bytes);
            this.devicesLeft = in.getInt();
        }

        /** Moves to the next device; {@code false} past the last. */
        boolean next() {
            if (devicesLeft <= 0) {
                return false;
            }
            devicesLeft--;
            idLength = Byte.toUnsignedInt(in.get());
            idOffset = skip(idLength);
            code = in.get();
            lastActiveMillis = in.getLong();
            if ((code & HAS_META) != 0) {
                metaLength = Short.toUnsignedInt(in.getShort());
                metaOffset = skip(metaLength);
            } else {
                metaLength = -1;
            }
            return true;
        }

        /** Device ids are ASCII identifiers, so one byte is one character. */
        boolean idIs(String device) {
            if (idLength != device.length()) {
                return false;
            }
            for (int i = 0; i < idLength; i++) {
                if (bytes[idOffset + i] != device.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String id() {
            return new String(bytes, idOffset, idLength, StandardCharsets.UTF_8);
        }

        PresenceStatus status() {
            return DeviceStates.status((byte) (code & ~HAS_META));
        }

        Instant lastActive() {
            return Instant.ofEpochMilli(lastActiveMillis);
        }

        String meta() {
            return metaLength < 0 ? null : new String(bytes, metaOffset, metaLength, StandardCharsets.UTF_8);
        }

        /** Steps over {@code length} bytes; where they start. */
        private int skip(int length) {
            if (length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            int offset = in.position();
            in.position(offset + length);
            return offset;
        }
    }

    private static byte[] idBytes(String device) {
        byte[] id = device.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("device id must be 1.." + MAX_ID_BYTES + " bytes, was " + id.length);
        }
        return id;
    }

    private static byte[] metaBytes(String meta) {
        byte[] bytes = meta.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_META_BYTES) {
            throw new IllegalArgumentException("device metadata must be at most " + MAX_META_BYTES + " bytes, was " + bytes.length);
        }
        return bytes;
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
