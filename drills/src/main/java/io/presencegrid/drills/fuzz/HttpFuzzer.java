package io.presencegrid.drills.fuzz;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the generated HTTP cases from a fixed number of threads and checks each answer against the
 * promises: no 5xx, every 4xx a problem+json, and the status the case expects when it expects one.
 */
final class HttpFuzzer {

    private final ApiClient api;
    private final HostileRequests requests;
    private final FuzzTally tally;

    HttpFuzzer(String base, HostileRequests requests, FuzzTally tally) {
        this.api = new ApiClient(base);
        this.requests = requests;
        this.tally = tally;
    }

    /** Cases {@code first} to {@code first + count - 1}, on {@code threads} threads; returns when all are done. */
    void run(long first, long count, int threads) throws Exception {
        AtomicLong next = new AtomicLong(first);
        long end = first + count;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long index; (index = next.getAndIncrement()) < end; ) {
                        check(requests.next(index));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void check(HttpCase request) {
        tally.cases.increment();
        ApiAnswer response;
        try {
            response = api.send(build(request));
        } catch (UncheckedIOException e) {
            tally.transport.increment();
            tally.fail("NO ANSWER (" + e + ") to " + request.describe());
            return;
        } catch (IllegalArgumentException unsendable) {
            // The JDK client refuses to send it (e.g. an illegal header value): no request, no case.
            tally.fail("UNSENDABLE (" + unsendable.getMessage() + ") " + request.describe());
            return;
        }
        int status = response.status();
        String contentType = response.contentType() == null ? "" : response.contentType();
        if (status >= 500) {
            tally.status5xx.increment();
            tally.fail("5XX " + status + " " + abbreviate(response.body()) + " to " + request.describe());
            return;
        }
        if (status == 429) {
            tally.status429.increment();
        } else if (status >= 400) {
            tally.status4xx.increment();
        } else {
            tally.status2xx.increment();
        }
        if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            tally.notProblem.increment();
            tally.fail("NOT-PROBLEM " + status + " Content-Type=" + contentType + " " + abbreviate(response.body())
                    + " to " + request.describe());
        } else if (!request.expected().isEmpty() && !request.expected().contains(status)
                && !(status == 429 && request.token() != null)) {
            tally.unexpected.increment();
            tally.fail("UNEXPECTED " + status + " (wanted " + request.expected() + ") " + abbreviate(response.body())
                    + " to " + request.describe());
        }
    }

    private HttpRequest.Builder build(HttpCase request) {
        HttpRequest.Builder builder = api.request(request.path(), request.token());
        if (request.accept() != null) {
            builder.header("Accept", request.accept());
        }
        if (request.contentType() != null && !request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.body() != null) {
            body = HttpRequest.BodyPublishers.ofByteArray(request.body());
            if (request.chunked()) {
                body = HttpRequest.BodyPublishers.fromPublisher(body);
            }
        }
        return builder.method(request.method(), body);
    }

    static String abbreviate(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
