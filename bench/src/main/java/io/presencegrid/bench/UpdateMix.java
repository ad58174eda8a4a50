package io.presencegrid.bench;

import java.util.List;

/**
 * Which user update number n goes to and which status it carries, for loads of heartbeats mixed with
 * changes. Updates go round the users, and each user changes status once every {@code changeEvery} of
 * their rounds, at an offset of their own, so that every stretch of a run carries the same share of
 * changes. Without the offset every user changed in the same round: nine rounds of heartbeats, then
 * one in which every update was a change. An open loop at half the mixed maximum then ran for a whole
 * round at several times the rate the machine sustains for changes, and its tail measured that burst,
 * not the mix; a CPU window that missed or caught the changing round measured anywhere from no changes
 * to twice the mix.
 */
final class UpdateMix {

    private final int users;
    private final int changeEvery;
    private final List<String> statuses;

    /**
     * @param changeEvery 1 makes every update after a user's first a change; 10 is nine heartbeats to one change
     * @param statuses the statuses a user goes through in turn, at least two
     */
    UpdateMix(int users, int changeEvery, List<String> statuses) {
        if (users < 1 || changeEvery < 1 || statuses.size() < 2) {
            throw new IllegalArgumentException("users and changeEvery must be positive, with at least two statuses");
        }
        this.users = users;
        this.changeEvery = changeEvery;
        this.statuses = List.copyOf(statuses);
    }

    int userOf(long n) {
        return (int) (n % users);
    }

    String statusOf(long n) {
        long round = n / users;
        long changesSoFar = (round + userOf(n)) / changeEvery;
        return statuses.get((int) (changesSoFar % statuses.size()));
    }

    /** Whether update n carries another status than the same user's update before it. */
    boolean isChange(long n) {
        return n >= users && !statusOf(n).equals(statusOf(n - users));
    }
}
