package io.presencegrid.bench;

/** Reads values out of Prometheus text exposition, as the API's /actuator/prometheus serves it. */
final class Prometheus {

    private Prometheus() {
    }

    /** The sample whose name (with labels, if given) starts the line exactly; NaN when there is none. */
    static double value(String scrape, String sample) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(sample + " ") || line.startsWith(sample + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** The sum of every sample whose line starts with the prefix, e.g. heap use over all its pools. */
    static double sum(String scrape, String prefix) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
