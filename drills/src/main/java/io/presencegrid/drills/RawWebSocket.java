package io.presencegrid.drills;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client over a plain {@link Socket}, for what the JDK's WebSocket refuses to do:
 * read the body of a refused handshake, and send frames a well-behaved client never would (invalid
 * UTF-8, reserved opcodes, unmasked frames, control frames over 125 bytes).
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    private RawWebSocket(Socket socket, int status, Map<String, String> headers, String body) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends the upgrade request for {@code pathAndQuery} (with {@code Authorization: Bearer token} when
     * the token is not null) and reads the answer's head, and its body when it is not a 101.
     */
    public static RawWebSocket open(String httpBase, String pathAndQuery, String token, Duration timeout) throws IOException {
        URI base = URI.create(httpBase);
        Socket socket = new Socket(base.getHost(), base.getPort());
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readHandshake(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static RawWebSocket readHandshake(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String body = status == 101 ? "" : readBody(in, headers);
        return new RawWebSocket(socket, status, headers, body);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return "";
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0; ) {
            body.write(in.readNBytes(size));
            readLine(in);
        }
        readLine(in);
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed in the handshake answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The handshake's HTTP status: 101 when upgraded. */
    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The refused handshake's body; empty after a 101. */
    public String body() {
        return body;
    }

    /** A masked frame, as a client must send. */
    public void send(int opcode, byte[] payload, boolean fin) throws IOException {
        send(opcode, payload, fin, true, 0);
    }

    /**
     * Any frame: {@code masked=false} and non-zero {@code rsv} bits (0..7) break the protocol on purpose.
     * Lengths use the shortest of the 7-bit, 16-bit and 64-bit encodings.
     */
    public void send(int opcode, byte[] payload, boolean fin, boolean masked, int rsv) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0xF);
        int mask = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(mask | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(mask | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(mask | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            frame.write(key, 0, 4);
            byte[] maskedPayload = payload.clone();
            for (int i = 0; i < maskedPayload.length; i++) {
                maskedPayload[i] ^= key[i & 3];
            }
            frame.write(maskedPayload, 0, maskedPayload.length);
        } else {
            frame.write(payload, 0, payload.length);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The next frame from the server within {@code timeout}; null on timeout, a close frame at EOF too. */
    public Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int first = in.read();
            if (first < 0) {
                return Frame.EOF;
            }
            int second = readByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | readByte();
                }
            }
            if (length > 16 * 1024 * 1024) {
                throw new IOException("server frame of " + length + " bytes");
            }
            byte[] payload = in.readNBytes((int) length);
            return new Frame(first & 0x0F, payload);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException reset) {
            return Frame.EOF;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /**
     * Reads until the server closes: its close code, 1005 for a close frame without one, -1 when the
     * connection ended without a close frame, or 0 when it stayed open for {@code timeout}.
     */
    public int awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Frame frame = read(Duration.ofNanos(left));
            if (frame == null) {
                return 0;
            }
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
        return 0;
    }

    /** The next text frame within {@code timeout}, skipping others; null if none came or the socket closed. */
    public String nextText(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Frame frame = read(Duration.ofNanos(left));
            if (frame == null || frame.opcode() == CLOSE) {
                return null;
            }
            if (frame.opcode() == TEXT) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket the server has already dropped: nothing left to release.
        }
    }

    /** One frame from the server; {@link #EOF} stands for the connection ending without a close frame. */
    public record Frame(int opcode, byte[] payload) {

        static final Frame EOF = new Frame(CLOSE, new byte[] {(byte) 0xFF, (byte) 0xFF});

        /** The close frame's code: -1 for {@link #EOF}, 1005 when the frame carries none. */
        public int closeCode() {
            if (this == EOF) {
                return -1;
            }
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }
}
