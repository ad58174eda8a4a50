package io.presencegrid.api.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** One /actuator/prometheus answer, parsed into series ({@code name{labels}}) and their values. */
public final class PrometheusScrape {

    private final Map<String, Double> series = new LinkedHashMap<>();

    public PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
    }

    /** The value of a series given exactly as exposed, e.g. {@code presence_grid_state{state="ACTIVE"}}. */
    public OptionalDouble value(String seriesName) {
        Double value = series.get(seriesName);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The one value of a series, failing the test when it is not exposed. */
    public double require(String seriesName) {
        return value(seriesName).orElseThrow(() -> new AssertionError(seriesName + " not on /actuator/prometheus; have "
                + series.keySet().stream().filter(name -> name.startsWith("presence_")).toList()));
    }

    /** How many series start with {@code prefix}: e.g. the buckets of a histogram. */
    public long count(String prefix) {
        return series.keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }
}
