package io.presencegrid.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the alert rules and the Grafana dashboard in deploy/observability use, so that the
 * tests scraping a real grid node and a real API node can tell when one of them names a metric that
 * nothing exports (a typo, or a metric renamed in code): such an alert would never fire.
 */
public final class ObservabilityFiles {

    public static final List<String> FILES = List.of("deploy/observability/alerts.yaml",
            "deploy/observability/grafana-dashboard.json");

    /** Metric names start with one of these; anything else in the files (functions, labels, prose) is not one. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ignite|presence|jvm|http_server)_[a-z0-9_]+)\\b");

    private ObservabilityFiles() {
    }

    /** Every metric name the files use that starts with one of {@code prefixes}. */
    public static Set<String> metricsUsed(String... prefixes) {
        Set<String> names = new TreeSet<>();
        for (String file : FILES) {
            Matcher metric = METRIC.matcher(read(repositoryRoot().resolve(file)));
            while (metric.find()) {
                for (String prefix : prefixes) {
                    if (metric.group(1).startsWith(prefix)) {
                        names.add(metric.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** The metric families in a Prometheus text scrape: each sample's name, without labels and value. */
    public static Set<String> families(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/observability"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/observability above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
