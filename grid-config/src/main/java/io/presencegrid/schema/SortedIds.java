package io.presencegrid.schema;

import java.util.Arrays;

/**
 * Sorted arrays of ids without repeats, the compact form of the small sets the live caches hold (a
 * device's channels, a user's devices in a channel): no collection object per entry, and a binary field
 * the grid reads without deserializing a set.
 */
final class SortedIds {

    private SortedIds() {
    }

    static boolean contains(String[] sorted, String id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    /** {@code sorted} with {@code id} in its place; the same array when it is already there. */
    static String[] with(String[] sorted, String id) {
        int at = Arrays.binarySearch(sorted, id);
        if (at >= 0) {
            return sorted;
        }
        int insertion = -at - 1;
        String[] added = new String[sorted.length + 1];
        System.arraycopy(sorted, 0, added, 0, insertion);
        added[insertion] = id;
        System.arraycopy(sorted, insertion, added, insertion + 1, sorted.length - insertion);
        return added;
    }

    /** {@code sorted} without {@code id}; the same array when it was not there. */
    static String[] without(String[] sorted, String id) {
        int at = Arrays.binarySearch(sorted, id);
        if (at < 0) {
            return sorted;
        }
        String[] removed = new String[sorted.length - 1];
        System.arraycopy(sorted, 0, removed, 0, at);
        System.arraycopy(sorted, at + 1, removed, at, sorted.length - at - 1);
        return removed;
    }
}
