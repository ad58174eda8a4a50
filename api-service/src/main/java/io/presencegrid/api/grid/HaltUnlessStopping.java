package io.presencegrid.api.grid;

import org.apache.ignite.Ignite;
import org.apache.ignite.failure.AbstractFailureHandler;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureHandler;
import org.apache.ignite.failure.StopNodeOrHaltFailureHandler;
import org.apache.ignite.internal.IgniteEx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid client's failure handler: Ignite's default, which halts the JVM (an API node whose grid client
 * lost a critical thread must not go on serving half alive), except once the client is already stopping.
 * Ignite 2.17's registry of critical workers takes a worker whose thread has ended before it left the
 * registry for a dead one ({@code WorkersRegistry.onIdle}), and a client node's discovery worker ends in
 * the middle of an orderly stop. On a loaded machine that check once fell in the gap and halted a JVM that
 * was closing its API node anyway: exit code 130 where a rolling restart expects a clean stop, and in the
 * tests the whole JVM that hosted a second API node.
 */
final class HaltUnlessStopping extends AbstractFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HaltUnlessStopping.class);

    private final FailureHandler whileRunning;

    HaltUnlessStopping() {
        this(new StopNodeOrHaltFailureHandler());
    }

    /** @param whileRunning what handles a failure of a node that is not stopping */
    HaltUnlessStopping(FailureHandler whileRunning) {
        this.whileRunning = whileRunning;
    }

    @Override
    protected boolean handle(Ignite ignite, FailureContext failure) {
        // Ignite marks a node as stopping first thing in its stop, before any of its workers is told to end.
        if (((IgniteEx) ignite).context().isStopping()) {
            LOG.warn("The grid client reported {} while stopping; it stops anyway, so the JVM goes on to a clean exit",
                    failure.type());
            return false;
        }
        return whileRunning.onFailure(ignite, failure);
    }
}
