package io.presencegrid.tasks.subscription;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one change of a subscriber run at a time on this node. Every change of a subscriber runs on the
 * primary node of their index entry, so this queues them where an optimistic transaction would make
 * them fail each other at commit: eight racing requests of one subscriber exhausted three attempts
 * each. It is an ordering, not the guarantee: when the primary moves, two nodes may run changes of one
 * subscriber at once, and the transaction's commit check still keeps them right.
 *
 * <p>A fixed set of locks, chosen by the subscriber id's hash: memory stays bounded whatever ids
 * arrive, and two subscribers sharing a lock only wait for each other's short transaction.
 */
final class SubscriberTurns {

    private static final int STRIPES = 1_024;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private SubscriberTurns() {
    }

    static <T> T inTurn(String subscriberId, Supplier<T> change) {
        ReentrantLock lock = LOCKS[Math.floorMod(subscriberId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }
}
