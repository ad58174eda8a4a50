package io.presencegrid.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.ignite.spi.metric.BooleanMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ObjectMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import org.junit.jupiter.api.Test;

class IgniteMetricSnapshotsTest {

    @Test
    void eachCacheIsALabelOfOneFamily() throws IOException {
        String text = scrape(List.of(
                registry("cache.PRESENCE", number("cache.PRESENCE.CacheGets", 7)),
                registry("cache.DEVICE_SESSION", number("cache.DEVICE_SESSION.CacheGets", 3))));

        assertThat(text).contains("ignite_cache_cache_gets{cache=\"PRESENCE\"} 7.0")
                .contains("ignite_cache_cache_gets{cache=\"DEVICE_SESSION\"} 3.0");
        assertThat(text.lines().filter(line -> line.startsWith("# TYPE ignite_cache_cache_gets"))).hasSize(1);
    }

    @Test
    void otherRegistriesKeepTheirWholeNameAndFlagsCountAsOneOrZero() throws IOException {
        String text = scrape(List.of(
                registry("io.datastorage", number("io.datastorage.LastCheckpointDuration", 120)),
                registry("cluster", flag("cluster.Rebalanced", true))));

        assertThat(text).contains("ignite_io_datastorage_last_checkpoint_duration 120.0")
                .contains("ignite_cluster_rebalanced 1.0");
    }

    @Test
    void valuesWithoutOneNumberAreLeftOut() throws IOException {
        String text = scrape(List.of(registry("sys", text("sys.CurrentThreadName", "main"), number("sys.UpTime", 5))));

        assertThat(text).contains("ignite_sys_up_time 5.0").doesNotContain("thread_name");
    }

    @Test
    void aListOfIdsCountsItsItemsAndTheNodesOwnRegistryIsTheNode() throws IOException {
        String text = scrape(List.of(
                registry("cacheGroups.PRESENCE", ids("cacheGroups.PRESENCE.LostPartitionIds", new int[] {3, 17})),
                registry("ignite", flag("ignite.IsNodeInBaseline", true))));

        assertThat(text).contains("ignite_cache_group_lost_partition_ids_count{group=\"PRESENCE\"} 2.0")
                .contains("ignite_node_is_node_in_baseline 1.0");
    }

    @Test
    void registriesTheExporterIsToldToSkipAreSkipped() throws IOException {
        MetricSnapshots snapshots = IgniteMetricSnapshots.of(List.of(
                registry("cache.PRESENCE", number("cache.PRESENCE.CacheGets", 7)),
                registry("sys", number("sys.UpTime", 5))), registry -> !registry.name().startsWith("cache."));

        assertThat(write(snapshots)).contains("ignite_sys_up_time").doesNotContain("cache_gets");
    }

    @Test
    void camelCaseBecomesSnakeCaseAndNoNameEndsLikeACountersSeries() {
        assertThat(IgniteMetricSnapshots.familyName("ignite_io_datastorage", "WalLoggingRate"))
                .isEqualTo("ignite_io_datastorage_wal_logging_rate");
        assertThat(IgniteMetricSnapshots.familyName("ignite_tx", "TotalNodeSystemTimeHistogram"))
                .isEqualTo("ignite_tx_total_node_system_time_histogram");
        assertThat(IgniteMetricSnapshots.familyName("ignite_sql_queries_user", "OOMQueriesTotal"))
                .doesNotEndWith("_total");
    }

    private static String scrape(List<ReadOnlyMetricRegistry> registries) throws IOException {
        return write(IgniteMetricSnapshots.of(registries, registry -> true));
    }

    private static String write(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ReadOnlyMetricRegistry registry(String name, Metric... metrics) {
        return new ReadOnlyMetricRegistry() {
            @Override
            public String name() {
                return name;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <M extends Metric> M findMetric(String metricName) {
                return (M) List.of(metrics).stream().filter(m -> m.name().equals(metricName)).findFirst().orElse(null);
            }

            @Override
            public Iterator<Metric> iterator() {
                return List.of(metrics).iterator();
            }
        };
    }

    private static LongMetric number(String name, long value) {
        return new Number(name, value);
    }

    private static BooleanMetric flag(String name, boolean value) {
        return new Flag(name, value);
    }

    private static ObjectMetric<int[]> ids(String name, int[] value) {
        return new Value<>(name, value, int[].class);
    }

    private static ObjectMetric<String> text(String name, String value) {
        return new Value<>(name, value, String.class);
    }

    /** A metric as Ignite's registries hand them out: a full name, no description. */
    private abstract static class Named implements Metric {

        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return null;
        }
    }

    private static final class Number extends Named implements LongMetric {

        private final long value;

        Number(String name, long value) {
            super(name);
            this.value = value;
        }

        @Override
        public long value() {
            return value;
        }
    }

    private static final class Flag extends Named implements BooleanMetric {

        private final boolean value;

        Flag(String name, boolean value) {
            super(name);
            this.value = value;
        }

        @Override
        public boolean value() {
            return value;
        }
    }

    private static final class Value<T> extends Named implements ObjectMetric<T> {

        private final T value;
        private final Class<T> type;

        Value(String name, T value, Class<T> type) {
            super(name);
            this.value = value;
            this.type = type;
        }

        @Override
        public T value() {
            return value;
        }

        @Override
        public Class<T> type() {
            return type;
        }
    }
}
