package io.presencegrid.bench;

import java.util.concurrent.ThreadFactory;

/** Threads of the bench's pools: daemons, so a pool left running never keeps a finished run's JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
