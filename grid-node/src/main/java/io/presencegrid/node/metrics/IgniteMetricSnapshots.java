package io.presencegrid.node.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.ignite.spi.metric.BooleanMetric;
import org.apache.ignite.spi.metric.DoubleMetric;
import org.apache.ignite.spi.metric.HistogramMetric;
import org.apache.ignite.spi.metric.IntMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ObjectMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Ignite's metric registries as Prometheus gauges. A registry of one of many like things (a cache, a
 * cache group, a data region, a thread pool) becomes a label, so that one family holds every cache's
 * gets and a dashboard sums or filters them: {@code cache.PRESENCE} / {@code CacheGets} is
 * {@code ignite_cache_cache_gets{cache="PRESENCE"}}. Any other registry keeps its whole name:
 * {@code io.datastorage} / {@code LastCheckpointDuration} is
 * {@code ignite_io_datastorage_last_checkpoint_duration}; the node's own, {@code ignite}, is
 * {@code ignite_node}. Numbers and flags as they are; a list of ids (a cache group's
 * {@code LostPartitionIds}) as how many it holds, {@code ..._count}, which is what an alert asks; other
 * objects and histograms have no single value and are left out.
 */
final class IgniteMetricSnapshots {

    /** Registries named {@code PREFIX.<name>}: the family they join and the label their name becomes. */
    private static final List<LabelledRegistry> LABELLED = List.of(
            new LabelledRegistry("cache.", "ignite_cache", "cache"),
            new LabelledRegistry("cacheGroups.", "ignite_cache_group", "group"),
            new LabelledRegistry("io.dataregion.", "ignite_dataregion", "region"),
            new LabelledRegistry("threadPools.", "ignite_thread_pool", "pool"));

    private static final String NODE_REGISTRY = "ignite";

    private IgniteMetricSnapshots() {
    }

    static MetricSnapshots of(Iterable<ReadOnlyMetricRegistry> registries, Predicate<ReadOnlyMetricRegistry> exported) {
        Map<String, Family> families = new LinkedHashMap<>();
        for (ReadOnlyMetricRegistry registry : registries) {
            if (!exported.test(registry)) {
                continue;
            }
            Placement placement = placement(registry.name());
            for (Metric metric : registry) {
                Double value = value(metric);
                if (value == null) {
                    continue;
                }
                String localName = metric.name().startsWith(registry.name() + ".")
                        ? metric.name().substring(registry.name().length() + 1) : metric.name();
                String name = familyName(placement.family(), isList(metric) ? localName + "Count" : localName);
                families.computeIfAbsent(name, n -> new Family(n, metric.description())).add(placement.labels(), value);
            }
        }
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> snapshots = new ArrayList<>(families.size());
        families.values().forEach(family -> snapshots.add(family.snapshot()));
        return new MetricSnapshots(snapshots);
    }

    /** {@code ignite_cache} and {@code CacheGets}: {@code ignite_cache_cache_gets}. */
    static String familyName(String family, String localName) {
        String snake = localName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
        String name = (family + "_" + snake).replaceAll("[^a-zA-Z0-9_]", "_").replaceAll("_+", "_");
        // The client refuses families whose names end like a counter's or a histogram's series.
        return PrometheusNaming.sanitizeMetricName(name);
    }

    private static Placement placement(String registryName) {
        for (LabelledRegistry labelled : LABELLED) {
            if (registryName.startsWith(labelled.prefix()) && registryName.length() > labelled.prefix().length()) {
                return new Placement(labelled.family(),
                        Labels.of(labelled.label(), registryName.substring(labelled.prefix().length())));
            }
        }
        return new Placement(registryName.equals(NODE_REGISTRY) ? "ignite_node" : "ignite_" + registryName, Labels.EMPTY);
    }

    private static Double value(Metric metric) {
        if (metric instanceof LongMetric number) {
            return (double) number.value();
        }
        if (metric instanceof IntMetric number) {
            return (double) number.value();
        }
        if (metric instanceof DoubleMetric number) {
            return number.value();
        }
        if (metric instanceof BooleanMetric flag) {
            return flag.value() ? 1.0 : 0.0;
        }
        if (isList(metric)) {
            Object list = ((ObjectMetric<?>) metric).value();
            return (double) (list == null ? 0 : list instanceof Collection<?> items ? items.size() : Array.getLength(list));
        }
        return null;
    }

    private static boolean isList(Metric metric) {
        return metric instanceof ObjectMetric<?> object && !(metric instanceof HistogramMetric)
                && (object.type().isArray() || Collection.class.isAssignableFrom(object.type()));
    }

    private record LabelledRegistry(String prefix, String family, String label) {
    }

    private record Placement(String family, Labels labels) {
    }

    /** One family's points; a second point with the same labels (two registries that name alike) is dropped. */
    private static final class Family {

        private final GaugeSnapshot.Builder builder;
        private final Set<Labels> seen = new HashSet<>();

        Family(String name, String description) {
            builder = GaugeSnapshot.builder().name(name);
            if (description != null && !description.isBlank()) {
                builder.help(description);
            }
        }

        void add(Labels labels, double value) {
            if (seen.add(labels)) {
                builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
            }
        }

        GaugeSnapshot snapshot() {
            return builder.build();
        }
    }
}
