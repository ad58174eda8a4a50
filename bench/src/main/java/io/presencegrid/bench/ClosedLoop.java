package io.presencegrid.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * HTTP load at the most the server sustains: each worker sends its next request (numbered from 0)
 * when its last one has answered, until a number of requests or a deadline, whichever comes first.
 */
final class ClosedLoop {

    /**
     * Requests answered 200 before the deadline (the rate), answered 200 at all (the work done, for CPU
     * per request: those still in flight at the deadline finish before the run returns), and failed.
     */
    record Count(long answeredInTime, long answered, long failed) {
    }

    /** A measured run's count, the CPU the measured processes spent on it, and the load client's own, apart. */
    record Measured(Count count, CpuCost cost, CpuCost loadClientCost) {
    }

    /** The warm-up's slices as {@link CompilerSettling} judged them, and how many of their requests failed. */
    record Settled(CompilerSettling.Outcome outcome, long failed) {
    }

    private ClosedLoop() {
    }

    static Count run(int workers, long requests, double seconds, LongFunction<CompletableFuture<Integer>> request)
            throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong answeredInTime = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("bench-closed-loop"));
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                long n;
                while (System.nanoTime() < deadline && (n = started.getAndIncrement()) < requests) {
                    try {
                        int status = request.apply(n).get(60, TimeUnit.SECONDS);
                        if (status != 200) {
                            failed.incrementAndGet();
                            continue;
                        }
                        answered.incrementAndGet();
                        if (System.nanoTime() < deadline) {
                            answeredInTime.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return new Count(answeredInTime.get(), answered.get(), failed.get());
    }

    /** {@link #run} for {@code seconds}, measured on {@code cpu} and, not counted with it, on {@code loadClient}. */
    static Measured measure(int workers, double seconds, CpuMeter cpu, CpuMeter loadClient,
                            LongFunction<CompletableFuture<Integer>> request) throws InterruptedException {
        CpuMeter.Window window = cpu.start();
        CpuMeter.Window loadClientWindow = loadClient.start();
        Count done = run(workers, Long.MAX_VALUE, seconds, request);
        return new Measured(done, window.stop(done.answered()), loadClientWindow.stop(done.answered()));
    }

    /**
     * Goes on with the load in slices, each measured on {@code cpu}, until {@code settling} finds the
     * compilers settled: the warm-up of a load whose CPU per request is then compared with a warm put.
     */
    static Settled settle(CompilerSettling settling, int workers, CpuMeter cpu, LongFunction<CompletableFuture<Integer>> request)
            throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        CompilerSettling.Outcome outcome = settling.warm(seconds -> {
            CpuMeter.Window slice = cpu.start();
            Count done = run(workers, Long.MAX_VALUE, seconds, request);
            failed.addAndGet(done.failed());
            return slice.stop(done.answered()).compilerShare();
        });
        return new Settled(outcome, failed.get());
    }

    /** Sends each of {@code requests} once, as fast as the workers go; returns how many failed. */
    static long each(int workers, long requests, LongFunction<CompletableFuture<Integer>> request) throws InterruptedException {
        return run(workers, requests, Double.MAX_VALUE, request).failed();
    }
}
