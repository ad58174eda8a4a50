package io.presencegrid.api.socket;

/**
 * Joins the parts of one inbound text frame. The container hands frames over in parts no larger than
 * its buffer, which it allocates for every socket up front: a small buffer keeps an idle socket
 * cheap (a 64 KiB one cost some 200 KB of heap per socket and capped one API node near 4,000), and
 * this class keeps the 64 KiB frame limit, in UTF-8 bytes as they came over the wire: counted in
 * chars, a frame of 3-byte characters could be three times the limit. The container reads one
 * socket's frames on one thread at a time, so no locking.
 */
final class FrameAssembler {

    private final int maxBytes;
    private StringBuilder partial;
    private long partialBytes;

    FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The whole frame once its last part came; null while parts are missing.
     *
     * @throws FrameTooLargeException when the frame grows beyond the limit
     */
    String append(String part, boolean last) {
        long bytes = utf8Length(part);
        if (partial == null && last) {
            if (bytes > maxBytes) {
                throw new FrameTooLargeException();
            }
            return part;
        }
        if (partial == null) {
            partial = new StringBuilder();
            partialBytes = 0;
        }
        partialBytes += bytes;
        if (partialBytes > maxBytes) {
            partial = null;
            throw new FrameTooLargeException();
        }
        partial.append(part);
        if (!last) {
            return null;
        }
        String frame = partial.toString();
        partial = null;
        return frame;
    }

    /** The UTF-8 length of {@code text} without encoding it: a surrogate pair is 4 bytes, two halves of 2 each. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A frame over the limit: the socket closes with 1009. */
    static final class FrameTooLargeException extends RuntimeException {

        FrameTooLargeException() {
            super("frame over the limit", null, false, false);
        }
    }
}
