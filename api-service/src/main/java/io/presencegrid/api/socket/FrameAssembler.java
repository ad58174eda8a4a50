package io.presencegrid.api.socket;

/**
 * Joins the parts of one inbound text frame. The container hands frames over in parts no larger than
 * its buffer, which it allocates for every socket up front: a small buffer keeps an idle socket
 * cheap (a 64 KiB one cost some 200 KB of heap per socket and capped one API node near 4,000), and
 * this class keeps the 64 KiB frame limit. The container reads one socket's frames on one thread
 * at a time, so no locking.
 */
final class FrameAssembler {

    private final int maxChars;
    private StringBuilder partial;

    FrameAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * The whole frame once its last part came; null while parts are missing.
     *
     * @throws FrameTooLargeException when the frame grows beyond the limit
     */
    String append(String part, boolean last) {
        if (partial == null && last) {
            if (part.length() > maxChars) {
                throw new FrameTooLargeException();
            }
            return part;
        }
        if (partial == null) {
            partial = new StringBuilder();
        }
        if (partial.length() + part.length() > maxChars) {
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

    /** A frame over the limit: the socket closes with 1009. */
    static final class FrameTooLargeException extends RuntimeException {

        FrameTooLargeException() {
            super("frame over the limit", null, false, false);
        }
    }
}
