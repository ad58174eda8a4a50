package io.presencegrid.drills;

import java.util.function.Supplier;

/**
 * Ignite's {@code control.sh --cache idle_verify}, read as a drill's verdict: {@code clean}, {@code CONFLICTS}
 * or {@code failed} (the utility itself did not finish). The check is meant for an idle cluster, and a
 * cluster with API nodes in it is never idle: each renews its lease every third of the lease's TTL and
 * sessions expire, so a write landing while the check reads the copies one after another shows as a copy
 * one update behind (the hosts drill once saw one such update-counter conflict in the live group). So it
 * runs up to {@link #RUNS} times a few seconds apart; copies that really differ stay different and fail
 * every run. Each run's output is echoed to stderr for the record.
 */
public final class IdleVerify {

    private static final int RUNS = 3;
    private static final long PAUSE_MILLIS = 3_000;

    private IdleVerify() {}

    /** {@code run} runs {@code control.sh --cache idle_verify} against the drill's cluster. */
    public static String verdict(Supplier<ScriptRun> run) throws InterruptedException {
        String verdict = "failed";
        for (int attempt = 1; attempt <= RUNS; attempt++) {
            ScriptRun verify = run.get();
            System.err.println(verify.output());
            if (!verify.ok()) {
                verdict = "failed";
            } else if (verify.output().contains("no conflicts have been found")) {
                return "clean";
            } else {
                verdict = "CONFLICTS";
            }
            if (attempt < RUNS) {
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        return verdict;
    }
}
