package io.presencegrid.api.grid;

import java.util.Map;

/**
 * One reading of the grid for {@link GridMeters}: what the client node saw at the last refresh.
 *
 * @param entries primary entries per cache; a cache missing here is unknown (not counted, or the count failed)
 */
record GridSample(int servers, int clients, String state, Map<String, Long> entries) {

    static final String UNREACHABLE = "UNREACHABLE";

    static GridSample unreachable() {
        return new GridSample(0, 0, UNREACHABLE, Map.of());
    }

    double entries(String cache) {
        Long count = entries.get(cache);
        return count == null ? Double.NaN : count;
    }
}
