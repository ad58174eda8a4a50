package io.presencegrid.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP phases' load client: {@code POST}s over kept-alive HTTP/1.1 connections, each request written
 * and its answer read by the thread that sends it, on a plain blocking socket. The JDK's HttpClient hands
 * every request to its selector thread and every answer on to an executor and back to the caller; on
 * this machine's two shared cores a thread hand-off is dear (docs/capacity.md, "Below Java"), so the load
 * client took about a third of a core from the JVMs it measures. This one reads and writes on the
 * sender's thread, as wrk does on its event loop, and keeps its connections open between runs, so the
 * open loop goes on over the connections the closed loop warmed.
 *
 * <p>Only what the bench sends: a JSON body, and answers whose bodies come with a length or in chunks,
 * read and dropped. A connection found closed before any byte of its answer (the server ends idle
 * keep-alive connections) is replaced and the request sent again once: the server never read it.
 */
final class BlockingHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final SocketFactory sockets;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;

    /**
     * @param base    the API node, {@code http://host:port} or {@code https://...} (the JVM's default trust)
     * @param senders threads that send the requests started with {@link #postAsync}: as many as may be in
     *                flight at once
     */
    BlockingHttp(String base, int senders) {
        URI uri = URI.create(base);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        this.sockets = tls ? SSLSocketFactory.getDefault() : SocketFactory.getDefault();
        this.senders = Executors.newFixedThreadPool(senders, DaemonThreads.named("bench-http-sender"));
    }

    /** {@code POST path} with {@code json} on this thread; the answer's status, its body dropped. */
    int post(String path, String token, String json) throws IOException {
        byte[] request = request(path, token, json);
        while (true) {
            Connection connection = idle.pollFirst();
            boolean reused = connection != null;
            if (!reused) {
                connection = connect();
            }
            try {
                int status = connection.exchange(request);
                if (connection.reusable) {
                    idle.offerFirst(connection);
                } else {
                    connection.close();
                }
                return status;
            } catch (StaleConnection stale) {
                connection.close();
                if (!reused) {
                    throw stale;
                }
                // The same bytes again, on the next idle connection or a new one.
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    /** {@link #post} on this thread, as a completed future: for loads whose workers wait on each request. */
    CompletableFuture<Integer> postHere(String path, String token, String json) {
        try {
            return CompletableFuture.completedFuture(post(path, token, json));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #post} on one of the sender threads: for a load that must not wait for the answer. */
    CompletableFuture<Integer> postAsync(String path, String token, String json) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(path, token, json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, senders);
    }

    /** Connections open now, idle or in use. */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        senders.shutdownNow();
        open.forEach(Connection::close);
    }

    private byte[] request(String path, String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private Connection connect() throws IOException {
        Socket socket = sockets.createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Connection connection = new Connection(socket);
        open.add(connection);
        return connection;
    }

    /** The server closed a kept-alive connection before it answered: the request was never read. */
    private static final class StaleConnection extends EOFException {
        StaleConnection() {
            super("the connection was closed before its answer began");
        }
    }

    private final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder(128);
        /** False once an answer said it closes the connection, or ran to the connection's end. */
        private boolean reusable = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        /** Writes the request and reads its whole answer; the status, or {@link StaleConnection}. */
        int exchange(byte[] request) throws IOException {
            int first;
            try {
                out.write(request);
                out.flush();
                first = in.read();
            } catch (SocketTimeoutException unanswered) {
                throw unanswered;
            } catch (IOException reset) {
                // A connection the server had closed fails the write or the first read, by a reset or an end.
                throw new StaleConnection();
            }
            if (first < 0) {
                throw new StaleConnection();
            }
            line.setLength(0);
            line.append((char) first);
            String statusLine = readLine(true);
            // "HTTP/1.1 200 " (Tomcat sends no reason phrase)
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = readLine(false); !header.isEmpty(); header = readLine(false)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closing = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                skipChunks();
            } else if (length > 0) {
                skip(length);
            } else if (length < 0 && status != 204 && status != 304) {
                // No length and no chunks: the body runs to the end of the connection.
                while (in.read() >= 0) {
                    // dropped
                }
                closing = true;
            }
            reusable = !closing;
            return status;
        }

        private void skipChunks() throws IOException {
            while (true) {
                String size = readLine(false);
                int extension = size.indexOf(';');
                long chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (chunk == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailers, dropped
                    }
                    return;
                }
                skip(chunk);
                readLine(false);
            }
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the answer's body ended " + left + " bytes early");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        /** The next line without its CRLF; {@code started}: the line buffer already holds its first byte. */
        private String readLine(boolean started) throws IOException {
            if (!started) {
                line.setLength(0);
            }
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() > 8192) {
                    throw new IOException("a line of the answer over 8 KiB");
                }
                line.append((char) c);
            }
            throw new EOFException("the answer ended mid-line");
        }

        void close() {
            open.remove(this);
            idle.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
