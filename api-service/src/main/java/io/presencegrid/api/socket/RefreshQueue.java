package io.presencegrid.api.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The refreshes ticks hand over, taken by the refreshing threads in batches: one tick's share alone while
 * they keep up, several ticks' merged (up to about {@code batch}) once they fall behind. A grid call
 * costs much the same for 150 sessions as for 1,000, so a backlog turns into bigger calls, not more of
 * them, and the refreshes catch up instead of falling further behind.
 */
final class RefreshQueue<T> {

    private final LinkedBlockingQueue<List<T>> ticks = new LinkedBlockingQueue<>();
    private final int batch;

    RefreshQueue(int batch) {
        this.batch = batch;
    }

    /** One tick's refreshes; more than a batch go as several. */
    void add(List<T> tick) {
        for (int from = 0; from < tick.size(); from += batch) {
            ticks.add(tick.subList(from, Math.min(tick.size(), from + batch)));
        }
    }

    /** The oldest tick's refreshes and as many of the next ticks' as fit in a batch; waits for one. */
    List<T> take() throws InterruptedException {
        List<T> taken = new ArrayList<>(ticks.take());
        List<T> next;
        while (taken.size() < batch && (next = ticks.peek()) != null && taken.size() + next.size() <= batch) {
            taken.addAll(ticks.poll());
        }
        return taken;
    }

    int ticksWaiting() {
        return ticks.size();
    }
}
