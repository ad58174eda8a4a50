package io.presencegrid.api.socket;

import io.presencegrid.api.threads.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * The threads that write every socket's frames: a socket's queue is drained by one of them at a time. A
 * client that blocks a write for 2 s is closed ({@link SocketConnection}), which frees the thread.
 */
@Component
class SocketSenders implements Executor {

    private static final int THREADS = 4;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("socket-sender"));

    @Override
    public void execute(Runnable drain) {
        pool.execute(drain);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
