package io.presencegrid.clienttools.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One scrape in the Prometheus text format (the API's /actuator/prometheus, a grid node's /metrics),
 * read into its series and their values. A series is named as exposed, labels included:
 * {@code presence_grid_state{state="ACTIVE"}}. Comments ({@code # HELP}, {@code # TYPE}) and
 * timestamps are skipped; {@code NaN} and {@code +Inf} read as the doubles they name.
 */
public final class PrometheusScrape {

    private final Map<String, Double> series = new LinkedHashMap<>();

    public PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (!sample.isEmpty() && !sample.startsWith("#")) {
                int end = seriesEnd(sample);
                String rest = sample.substring(end).strip();
                int space = rest.indexOf(' ');
                series.put(sample.substring(0, end), number(space < 0 ? rest : rest.substring(0, space)));
            }
        }
    }

    /** The value of a series given exactly as exposed. */
    public OptionalDouble value(String seriesName) {
        Double value = series.get(seriesName);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The value of a series given exactly as exposed, failing when it is not there. */
    public double require(String seriesName) {
        return value(seriesName).orElseThrow(() -> new IllegalStateException(seriesName + " is not in the scrape; it has "
                + series.keySet().stream().filter(name -> name.startsWith("presence_")).toList()));
    }

    /** The value of the first series of {@code metric}, whatever its labels. */
    public OptionalDouble firstOf(String metric) {
        return series.entrySet().stream().filter(entry -> metricOf(entry.getKey()).equals(metric))
                .mapToDouble(Map.Entry::getValue).findFirst();
    }

    /** The sum over the series that start with {@code prefix}: e.g. heap use over all its pools. */
    public double sum(String prefix) {
        return series.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** How many series start with {@code prefix}: e.g. the buckets of a histogram. */
    public long count(String prefix) {
        return series.keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }

    /** Every series in the order exposed. */
    public Map<String, Double> series() {
        return Collections.unmodifiableMap(series);
    }

    /** Where the series name ends: after the name, or after the closing brace of its labels (whose values may hold spaces and braces). */
    private static int seriesEnd(String sample) {
        int i = 0;
        while (i < sample.length() && sample.charAt(i) != '{' && !Character.isWhitespace(sample.charAt(i))) {
            i++;
        }
        if (i == sample.length() || sample.charAt(i) != '{') {
            return i;
        }
        boolean quoted = false;
        for (i++; i < sample.length(); i++) {
            char c = sample.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("labels not closed: " + sample);
    }

    private static String metricOf(String seriesName) {
        int brace = seriesName.indexOf('{');
        return brace < 0 ? seriesName : seriesName.substring(0, brace);
    }

    /** The text format's numbers: Go's float syntax, which writes infinity as {@code +Inf}, not Java's {@code Infinity}. */
    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
