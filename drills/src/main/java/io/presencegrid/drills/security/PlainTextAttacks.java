package io.presencegrid.drills.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;

/**
 * Plain text to each TLS port of each grid node: the thin-client handshake to 10800+i, Ignite's
 * discovery header to 47500+i, bytes to communication at 47100+i. Got through means a plain answer of
 * the protocol (a successful thin handshake, the discovery header back, or for communication any reply
 * that is not a TLS record); a TLS alert, silence or a closed connection means refused. Ignite REST in
 * plain HTTP is IgniteRestAttacks'.
 */
final class PlainTextAttacks {

    /** Length 8, handshake, protocol 1.0.0, thin client. */
    private static final byte[] THIN_HANDSHAKE = HexFormat.of().parseHex("080000000101000000000002");
    private static final byte[] THIN_SUCCESS = HexFormat.of().parseHex("0100000001");
    /** What a discovery connection starts with, both ways, in Ignite's TcpDiscoverySpi. */
    private static final byte[] DISCOVERY_HEADER = {0x00, 0x47, 0x47, 0x00};

    private final Attempts attempts;

    PlainTextAttacks(Attempts attempts) {
        this.attempts = attempts;
    }

    void run(int nodes, int thinBase, int discoveryBase, int communicationBase) {
        for (int i = 0; i < nodes; i++) {
            int thin = thinBase + i;
            int discovery = discoveryBase + i;
            int communication = communicationBase + i;
            attempts.attack("plain_thin_" + thin, () -> startsWith(exchange(thin, THIN_HANDSHAKE, 5), THIN_SUCCESS));
            attempts.attack("plain_discovery_" + discovery, () -> startsWith(exchange(discovery, DISCOVERY_HEADER, 4), DISCOVERY_HEADER));
            attempts.attack("plain_communication_" + communication, () -> {
                byte[] reply = exchange(communication, new byte[16], 16);
                boolean tlsRecord = reply.length > 0 && reply[0] >= 0x14 && reply[0] <= 0x17;
                return reply.length == 0 || tlsRecord ? null : "plain reply " + HexFormat.of().formatHex(reply);
            });
        }
    }

    private static String startsWith(byte[] reply, byte[] expected) {
        if (reply.length < expected.length) {
            return null;
        }
        for (int i = 0; i < expected.length; i++) {
            if (reply[i] != expected[i]) {
                return null;
            }
        }
        return "plain answer " + HexFormat.of().formatHex(reply);
    }

    /** Sends {@code request} and reads up to {@code length} bytes for 3 s; what came back. */
    private static byte[] exchange(int port, byte[] request, int length) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[length];
            int read = 0;
            try {
                while (read < length) {
                    int n = in.read(reply, read, length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
            } catch (SocketTimeoutException silence) {
                // What a TLS server does with bytes that are not a handshake: waits, then closes.
            }
            return java.util.Arrays.copyOf(reply, read);
        }
    }
}
